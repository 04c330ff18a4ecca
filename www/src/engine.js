// The page's side of the engine worker: promises for requests, the latest evaluation wins, and
// a worker that hangs (pathological input) is replaced after a time limit.

import { t } from './i18n/index.js';

/** Evaluations slower than this are abandoned and the worker restarted. */
const TIME_LIMIT_MS = 15000;

/**
 * The worker's error as an `Error` that keeps the engine's `code`, `help`, `location` and
 * `path` (a worker that sends only a message is read too).
 */
export function engineError(error) {
  if (typeof error === 'string' || !error) return new Error(error || t('engine.failedShort'));
  const { message, code, help, location, path } = error;
  return Object.assign(new Error(message || t('engine.failedShort')), { code, help, location, path });
}

/**
 * Puts the parts of a long answer (worker.js splitParts: `{path, items}`, in order) back into
 * `value`, where the worker left their lists empty.
 */
export function joinParts(value, parts) {
  for (const { path, items } of parts) {
    const list = path.reduce((node, key) => node[key], value);
    for (const item of items) list.push(item);
  }
  return value;
}

export class Engine {
  /** `url`: the worker script's address, or a function that starts the worker. */
  constructor(url = 'worker.js') {
    this.url = url;
    this.pending = new Map();
    this.nextId = 1;
    this.start();
  }

  start() {
    this.worker = typeof this.url === 'function' ? this.url() : new Worker(this.url);
    this.worker.onmessage = (event) => {
      const { id, ok, value, error, progress, part } = event.data;
      const job = this.pending.get(id);
      if (!job) return;
      if (part) {
        (job.parts ||= []).push(part);
        return;
      }
      if (progress) {
        // A long operation that says where it is is alive: its time limit starts again.
        this.arm(job);
        if (job.onProgress) job.onProgress(progress);
        return;
      }
      this.pending.delete(id);
      clearTimeout(job.timer);
      if (ok) job.resolve(job.parts ? joinParts(value, job.parts) : value);
      else job.reject(engineError(error));
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.failAll(event.message ? t('engine.notStartedWhy', { message: event.message }) : t('engine.notStarted'));
    };
  }

  failAll(message) {
    for (const job of this.pending.values()) {
      clearTimeout(job.timer);
      job.reject(new Error(message));
    }
    this.pending.clear();
  }

  restart(message) {
    this.worker.terminate();
    this.failAll(message);
    this.start();
  }

  /** (Re)starts a job's time limit. */
  arm(job) {
    clearTimeout(job.timer);
    job.timer = setTimeout(
      () => this.restart(t('engine.timeLimit', { seconds: String(TIME_LIMIT_MS / 1000) })),
      TIME_LIMIT_MS,
    );
  }

  /**
   * Runs operation `op` of the worker's table. `onProgress(progress)` hears the reports of an
   * operation that sends them (the PassRole map); each report starts the time limit again.
   */
  call(op, arg, { onProgress } = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const job = { resolve, reject, timer: null, onProgress };
      this.arm(job);
      this.pending.set(id, job);
      this.worker.postMessage({ id, op, arg });
    });
  }

  /** Evaluates scenario text; the answer's sentences are in `lang` (en, ja; English by default). */
  evaluate(text, lang) {
    return this.call('evaluate', lang ? { text, lang } : text);
  }

  encode(text) {
    return this.call('encode', text);
  }

  decode(fragment) {
    return this.call('decode', fragment);
  }

  version() {
    return this.call('version');
  }
}

/**
 * Runs evaluations one at a time and coalesces bursts: while one runs, only the newest waiting
 * request is kept. `onResult({ job, answer, ms })` gets only results that are still current
 * (no newer request was made); `onError({ job, error })` likewise.
 */
export class Evaluator {
  /**
   * `early`: an evaluation already asked for ({text, lang, answer, t0}: the page's opening
   * scenario, sent to the worker before the panes were built); the first request for the same
   * text and language takes its answer instead of asking again.
   */
  constructor(engine, { onResult, onError, early = null }) {
    this.engine = engine;
    this.onResult = onResult;
    this.onError = onError;
    this.early = early;
    this.running = false;
    this.waiting = null;
    this.generation = 0;
  }

  /** Asks for an evaluation; `job` is any object carried back with the result (`job.text` is evaluated). */
  request(job) {
    this.generation += 1;
    this.waiting = { ...job, generation: this.generation };
    this.pump();
  }

  /** Forgets any waiting or running request (results still arriving are dropped). */
  cancel() {
    this.generation += 1;
    this.waiting = null;
  }

  async pump() {
    if (this.running || !this.waiting) return;
    const job = this.waiting;
    this.waiting = null;
    this.running = true;
    const early = this.early;
    this.early = null;
    const asked = early && early.text === job.text && early.lang === job.lang;
    const t0 = asked ? early.t0 : performance.now();
    try {
      const answer = await (asked ? early.answer : this.engine.evaluate(job.text, job.lang));
      const ms = performance.now() - t0;
      if (job.generation === this.generation) this.onResult({ job, answer, ms });
    } catch (error) {
      if (job.generation === this.generation) this.onError({ job, error });
    } finally {
      this.running = false;
      this.pump();
    }
  }
}
