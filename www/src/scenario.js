// The page's state (the "model") and the scenario text the engine reads.
//
// The page keeps one editor per policy and a form per request. Before each evaluation it writes
// them out as one scenario document (docs/scenario-format.md), inserting every editor's
// text verbatim, and keeps a table of segments: where each editor's text, each policy entry and
// each request field starts and ends in that text. The engine's answer points into the scenario
// text with UTF-16 offsets (`utf16Start`/`utf16End`), which are JavaScript string indices, so a
// segment lookup turns any answer location back into "this editor, this offset" or "this field".

/** The policy kinds, in the order the scenario lists them. */
export const KINDS = ['identity', 'permissionsBoundary', 'session', 'resource', 'scp', 'rcp', 'vpcEndpoint'];

/** Kinds of which a scenario holds at most one policy. */
export const SINGLE_KINDS = new Set(['permissionsBoundary', 'session', 'resource', 'vpcEndpoint']);

import { t as pageT } from './i18n/index.js';

/** Kinds grouped in organization levels. */
export const LEVEL_KINDS = new Set(['scp', 'rcp']);

const KIND_NAMES = new Set(['identity', 'permissionsBoundary', 'session', 'resource', 'scp', 'rcp', 'vpcEndpoint']);

/** A kind of policy's name for people, in the language of `t` (the page's by default). */
export function kindLabel(kind, t = pageT) {
  return KIND_NAMES.has(kind) ? t(`kind.${kind}`) : kind;
}

let nextId = 1;
/** A fresh id for a policy or context row (ids never leave the page). */
export function newId() {
  nextId += 1;
  return `p${nextId}`;
}

/** An empty policy document to start from. */
export const EMPTY_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "",
      "Effect": "Allow",
      "Action": "",
      "Resource": "*"
    }
  ]
}`;

/** A new request form. */
export function emptyRequest() {
  return { principal: '', action: '', resource: '', resourceAccount: '', context: [], extra: {} };
}

/** A new context row. */
export function contextRow(key = '', value = '', multi = false, typed = false) {
  return { id: newId(), key, value, multi, typed };
}

/** A new policy card. */
export function newPolicy(kind, name = '', text = EMPTY_POLICY, levelName = '') {
  return { id: newId(), kind, name, levelName: LEVEL_KINDS.has(kind) ? levelName || 'root' : '', text };
}

/** Appends strings and remembers where things start (in UTF-16 units, as JavaScript counts). */
class Writer {
  constructor() {
    this.parts = [];
    this.length = 0;
    this.segments = [];
  }

  write(s) {
    this.parts.push(s);
    this.length += s.length;
  }

  /** Writes `s` and records it as a segment described by `info`. */
  segment(s, info) {
    const start = this.length;
    this.write(s);
    this.segments.push({ ...info, start, end: this.length });
  }

  /** Opens a segment whose end is set by the returned function. */
  open(info) {
    const seg = { ...info, start: this.length, end: this.length };
    this.segments.push(seg);
    return () => {
      seg.end = this.length;
    };
  }
}

const str = (s) => JSON.stringify(s);

/** A context value as it should appear in the scenario. */
function contextValueJson(row) {
  const typed = (s) => {
    if (!row.typed) return s;
    if (s === 'true') return true;
    if (s === 'false') return false;
    if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
    return s;
  };
  if (row.multi) {
    const values = row.value.split('\n').filter((v) => v !== '').map(typed);
    return JSON.stringify(values);
  }
  return JSON.stringify(typed(row.value));
}

/** True when `text` is one JSON value (what JSON.parse accepts). */
function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function writePolicy(w, p, indent) {
  const closeEntry = w.open({ type: 'policyEntry', policyId: p.id });
  // The document's lines are indented to its depth, so the scenario reads well; JSON strings
  // cannot hold a raw line break, so only whitespace between tokens is added.
  const docIndent = p.name ? `${indent}  ` : indent;
  const doc = () => {
    if (isJson(p.text)) {
      w.segment(p.text.split('\n').join(`\n${docIndent}`), { type: 'policyDoc', policyId: p.id, raw: p.text, indent: docIndent.length });
    } else {
      // Text that is not JSON yet (mid-edit, or empty) goes in as a JSON string, which the
      // scenario format allows for documents: the rest of the scenario still parses, and the
      // engine maps its error inside the string back to the string's text (see `locate`).
      w.segment(JSON.stringify(p.text), { type: 'policyDoc', policyId: p.id, escaped: p.text });
    }
  };
  if (p.name) {
    w.write(`{\n${indent}  "name": ${str(p.name)},\n${indent}  "document": `);
    doc();
    w.write(`\n${indent}}`);
  } else {
    doc();
  }
  closeEntry();
}

/** The offsets in `raw` at which its lines start. */
export function lineStarts(raw) {
  const starts = [0];
  for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * The offset in `raw` of offset `rel` in `raw` written with `indent` more spaces after every
 * line break (a position inside the added spaces maps to the start of its line). `starts`:
 * lineStarts(raw), when the caller keeps it (locate: a long policy's thousands of findings
 * each ask, and a scan from the top for each took a second for 5,000).
 */
export function unindentOffset(raw, indent, rel, starts = lineStarts(raw)) {
  // Raw line k starts at starts[k]; in the indented text its added spaces start at
  // starts[k] + (k - 1) * indent (right after the line break) and its text k * indent later.
  // The last line whose spaces start at or before `rel` (line 0 has none: it always does).
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] + (mid - 1) * indent <= rel) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(raw.length, Math.max(starts[lo], rel - lo * indent));
}

/** lineStarts of each segment's text, computed the first time a location falls in it. */
const segmentLines = new WeakMap();

function segmentLineStarts(seg) {
  let starts = segmentLines.get(seg);
  if (!starts) segmentLines.set(seg, (starts = lineStarts(seg.raw)));
  return starts;
}

/**
 * The offset in `raw` of offset `escapedOffset` in JSON.stringify(raw) without its opening
 * quote. An escape sequence maps to the character it stands for.
 */
export function unescapeOffset(raw, escapedOffset) {
  let e = 0;
  let r = 0;
  for (const ch of raw) {
    const width = JSON.stringify(ch).length - 2;
    if (escapedOffset < e + width) return r;
    e += width;
    r += ch.length;
  }
  return raw.length;
}

/** The reference results and `whatIf` use for a policy card: kind, index and (SCP/RCP) position. */
export function policyRef(model, policy) {
  if (SINGLE_KINDS.has(policy.kind)) return { kind: policy.kind, index: 0 };
  if (LEVEL_KINDS.has(policy.kind)) {
    const levels = levelsOf(model, policy.kind);
    const index = levels.findIndex((l) => l.policies.includes(policy));
    return { kind: policy.kind, index, position: levels[index].policies.indexOf(policy) };
  }
  return { kind: policy.kind, index: model.policies.filter((p) => p.kind === policy.kind).indexOf(policy) };
}

// --- what-if switches ---------------------------------------------------------------------
// The page keeps switches by policy card (and statement index), so moving or renaming a card
// keeps its switch; `assemble` writes them as the scenario's `whatIf.disabled` entries
// (docs/scenario-extensions.md) at the cards' current places.

/** True when the policy (statement null) or one of its statements is switched off. */
export function isSwitchedOff(model, policyId, statement = null) {
  return (model.switches || []).some((s) => s.policyId === policyId && s.statement === statement);
}

/** Switches a policy (statement null) or one statement off or back on. */
export function setSwitch(model, policyId, statement, off) {
  model.switches = (model.switches || []).filter((s) => !(s.policyId === policyId && s.statement === statement));
  if (off) model.switches.push({ policyId, statement });
}

function whatIfValue(model) {
  const disabled = [];
  for (const sw of model.switches || []) {
    const policy = model.policies.find((p) => p.id === sw.policyId);
    if (!policy) continue; // a removed card (it may come back with Undo)
    const ref = policyRef(model, policy);
    disabled.push(sw.statement === null ? ref : { ...ref, statement: sw.statement });
  }
  disabled.push(...(model.switchesUnmapped || []));
  const whatIf = { ...(model.whatIfExtra || {}) };
  if (disabled.length) whatIf.disabled = disabled;
  return Object.keys(whatIf).length ? whatIf : null;
}

/**
 * Groups SCP/RCP cards into levels by level name, in order of first appearance. A level the
 * scenario gave with no policies (`model.emptyLevels`, an error the engine reports) keeps its
 * place until a card joins it.
 */
export function levelsOf(model, kind) {
  const levels = [];
  const byName = new Map();
  for (const p of model.policies) {
    if (p.kind !== kind) continue;
    const name = p.levelName || 'root';
    let level = byName.get(name);
    if (!level) {
      level = { name, policies: [] };
      byName.set(name, level);
      levels.push(level);
    }
    level.policies.push(p);
  }
  for (const empty of model.emptyLevels || []) {
    if (empty.kind !== kind || byName.has(empty.name)) continue;
    byName.set(empty.name, empty);
    levels.splice(Math.min(empty.at, levels.length), 0, { name: empty.name, policies: [] });
  }
  return levels;
}

function writeRequest(w, r, index, indent) {
  const closeReq = w.open({ type: 'request', request: index });
  w.write('{');
  let first = true;
  const member = (key) => {
    w.write(`${first ? '' : ','}\n${indent}  ${str(key)}: `);
    first = false;
  };
  for (const field of ['principal', 'action', 'resource', 'resourceAccount']) {
    if (field === 'resourceAccount' && !r.resourceAccount) continue;
    member(field);
    w.segment(str(r[field] ?? ''), { type: 'field', request: index, field });
  }
  const rows = r.context.filter((row) => row.key !== '');
  if (rows.length) {
    member('context');
    const closeCtx = w.open({ type: 'field', request: index, field: 'context' });
    w.write('{');
    rows.forEach((row, i) => {
      w.write(`${i ? ',' : ''}\n${indent}    `);
      w.segment(str(row.key), { type: 'contextKey', request: index, rowId: row.id });
      w.write(': ');
      w.segment(contextValueJson(row), { type: 'contextValue', request: index, rowId: row.id });
    });
    w.write(`\n${indent}  }`);
    closeCtx();
  }
  for (const [key, value] of Object.entries(r.extra || {})) {
    member(key);
    w.write(JSON.stringify(value));
  }
  w.write(`\n${indent}}`);
  closeReq();
}

/**
 * Writes the model as scenario text.
 * Returns { text, segments }: each segment is { type, start, end, ... } with offsets in UTF-16
 * units; types: policyEntry, policyDoc (policyId), level (kind, level), request (request),
 * field (request, field), contextKey and contextValue (request, rowId).
 */
export function assemble(model) {
  const w = new Writer();
  w.write('{\n');
  const members = [];
  if (model.name) members.push(() => w.write(`  "name": ${str(model.name)}`));
  // A scenario opened without `policies` stays without (the engine says it is missing) until
  // a policy is added.
  const noPolicies = model.policiesAbsent && !model.policies.length && !Object.keys(model.policiesExtra || {}).length;
  if (!noPolicies) members.push(() => {
    w.write('  "policies": {');
    let firstKind = true;
    for (const kind of KINDS) {
      const ofKind = model.policies.filter((p) => p.kind === kind);
      if (!ofKind.length && !(LEVEL_KINDS.has(kind) && levelsOf(model, kind).length)) continue;
      w.write(`${firstKind ? '' : ','}\n    ${str(kind)}: `);
      firstKind = false;
      if (SINGLE_KINDS.has(kind)) {
        writePolicy(w, ofKind[0], '    ');
      } else if (LEVEL_KINDS.has(kind)) {
        w.write('[');
        levelsOf(model, kind).forEach((level, li) => {
          w.write(`${li ? ',' : ''}\n      `);
          const close = w.open({ type: 'level', kind, level: li });
          w.write(`{\n        "name": ${str(level.name)},\n        "policies": [`);
          level.policies.forEach((p, pi) => {
            w.write(`${pi ? ',' : ''}\n          `);
            writePolicy(w, p, '          ');
          });
          w.write('\n        ]\n      }');
          close();
        });
        w.write('\n    ]');
      } else {
        w.write('[');
        ofKind.forEach((p, i) => {
          w.write(`${i ? ',' : ''}\n      `);
          writePolicy(w, p, '      ');
        });
        w.write('\n    ]');
      }
    }
    for (const [key, value] of Object.entries(model.policiesExtra || {})) {
      w.write(`${firstKind ? '' : ','}\n    ${str(key)}: ${JSON.stringify(value)}`);
      firstKind = false;
    }
    w.write(firstKind ? '}' : '\n  }');
  });
  if (model.requests.length === 1) {
    members.push(() => {
      w.write('  "request": ');
      writeRequest(w, model.requests[0], 0, '  ');
    });
  } else {
    members.push(() => {
      w.write('  "requests": [');
      model.requests.forEach((r, i) => {
        w.write(`${i ? ',' : ''}\n    `);
        writeRequest(w, r, i, '    ');
      });
      w.write(model.requests.length ? '\n  ]' : ']');
    });
  }
  const whatIf = whatIfValue(model);
  if (whatIf) members.push(() => w.write(`  "whatIf": ${JSON.stringify(whatIf, null, 2).split('\n').join('\n  ')}`));
  for (const [key, value] of Object.entries(model.extra || {})) {
    members.push(() => w.write(`  ${str(key)}: ${JSON.stringify(value)}`));
  }
  members.forEach((m, i) => {
    if (i) w.write(',\n');
    m();
  });
  w.write('\n}\n');
  return { text: w.parts.join(''), segments: w.segments };
}

/**
 * The innermost segment containing the UTF-16 offset `pos` (ends are inclusive, so an error
 * just past the last character of an editor still lands in that editor). Null when none.
 */
export function segmentAt(segments, pos) {
  let best = null;
  for (const s of segments) {
    if (s.start <= pos && pos <= s.end) {
      // `<=`: on a tie the later segment (a document inside its entry) is the inner one.
      if (!best || s.end - s.start <= best.end - best.start) best = s;
    }
  }
  return best;
}

/**
 * Turns an answer location ({utf16Start, utf16End}) into a target:
 * { type: 'policy', policyId, from, to } (offsets in that editor), or
 * { type: 'field' | 'contextKey' | 'contextValue' | 'request', request, field?, rowId? }, or
 * { type: 'policyEntry', policyId }, or null.
 */
export function locate(segments, location) {
  if (!location) return null;
  const start = location.utf16Start;
  const seg = segmentAt(segments, start);
  if (!seg) return null;
  if (seg.type === 'policyDoc') {
    let from;
    let to;
    let len;
    if (seg.escaped !== undefined) {
      // Offsets inside the string literal: skip the opening quote, undo the escaping.
      len = seg.escaped.length;
      from = unescapeOffset(seg.escaped, Math.max(0, start - seg.start - 1));
      to = unescapeOffset(seg.escaped, Math.max(0, location.utf16End - seg.start - 1));
    } else {
      len = seg.raw.length;
      const starts = segmentLineStarts(seg);
      from = unindentOffset(seg.raw, seg.indent, start - seg.start, starts);
      to = unindentOffset(seg.raw, seg.indent, location.utf16End - seg.start, starts);
    }
    from = Math.min(from, len);
    to = Math.max(from, Math.min(to, len));
    return { type: 'policy', policyId: seg.policyId, from, to };
  }
  return { ...seg };
}

// --- loading a scenario ---------------------------------------------------------------------

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Removes the indentation a document had inside the scenario file, so it starts at column 0 in
 * its editor. Only whitespace after a line break goes (JSON strings cannot hold a raw line
 * break, so no string changes). The closing line's indentation is the one removed.
 */
export function dedent(text) {
  const lines = text.split('\n');
  if (lines.length < 2) return text;
  const base = /^[ \t]*/.exec(lines[lines.length - 1])[0];
  if (!base) return text;
  return [lines[0], ...lines.slice(1).map((l) => (l.startsWith(base) ? l.slice(base.length) : l.trimStart()))].join('\n');
}

/** The text of a document: verbatim from the scenario when the engine told where it is. */
function documentText(doc, text, info) {
  // A document given as a JSON string (as AWS APIs return it): edit its content.
  if (typeof doc === 'string') return doc;
  const loc = info && info.documentLocation;
  if (loc && loc.utf16End >= loc.utf16Start && loc.utf16End <= text.length) {
    return dedent(text.slice(loc.utf16Start, loc.utf16End));
  }
  return JSON.stringify(doc, null, 2) ?? '';
}

/** Splits a policy entry into name and document. */
function entryParts(entry) {
  if (isObject(entry) && 'document' in entry) {
    return { name: typeof entry.name === 'string' ? entry.name : '', doc: entry.document };
  }
  return { name: '', doc: entry };
}

function requestModel(r) {
  const model = emptyRequest();
  if (!isObject(r)) return model;
  for (const [key, value] of Object.entries(r)) {
    if (['principal', 'action', 'resource', 'resourceAccount'].includes(key) && typeof value === 'string') {
      model[key] = value;
    } else if (key === 'context' && isObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (Array.isArray(v)) {
          model.context.push(contextRow(k, v.map(String).join('\n'), true, v.some((x) => typeof x !== 'string')));
        } else {
          model.context.push(contextRow(k, String(v), false, typeof v !== 'string'));
        }
      }
    } else {
      model.extra[key] = value;
    }
  }
  return model;
}

/**
 * Reads scenario text into a model. `policyInfos` is the answer's `policies` list for the same
 * text (optional): it gives each document's place, so editors get the text verbatim (its
 * formatting, and any duplicate keys the engine should still see). Throws an Error with a
 * message for people when the text is not a scenario object.
 */
export function scenarioToModel(text, policyInfos = []) {
  let obj;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new Error(`the scenario is not valid JSON (${e.message})`);
  }
  if (!isObject(obj)) throw new Error('the scenario must be a JSON object with `policies` and `request`');
  const infoFor = (kind, index, position) =>
    policyInfos.find((p) => p.kind === kind && p.index === index && (p.position ?? null) === (position ?? null));
  const model = {
    name: typeof obj.name === 'string' ? obj.name : '',
    policies: [],
    policiesAbsent: obj.policies === undefined,
    emptyLevels: [],
    policiesExtra: {},
    requests: [],
    switches: [],
    switchesUnmapped: [],
    whatIfExtra: {},
    extra: {},
  };
  const refs = []; // [{ kind, index, position, policy }] as `whatIf` names policies
  const add = (policy, index, position) => {
    model.policies.push(policy);
    refs.push({ kind: policy.kind, index, position, policy });
  };
  const policies = isObject(obj.policies) ? obj.policies : {};
  for (const kind of KINDS) {
    const value = policies[kind];
    if (value === undefined || value === null) continue;
    if (SINGLE_KINDS.has(kind)) {
      const { name, doc } = entryParts(value);
      add(newPolicy(kind, name, documentText(doc, text, infoFor(kind, 0))), 0);
    } else if (LEVEL_KINDS.has(kind)) {
      (Array.isArray(value) ? value : [value]).forEach((level, li) => {
        const isLevel = isObject(level) && Array.isArray(level.policies);
        const levelName = isLevel && typeof level.name === 'string' && level.name ? level.name : `level ${li + 1}`;
        const entries = isLevel ? level.policies : [level];
        if (!entries.length) model.emptyLevels.push({ kind, name: levelName, at: li });
        entries.forEach((entry, pi) => {
          const { name, doc } = entryParts(entry);
          const info = infoFor(kind, li, pi) || (entries.length === 1 ? infoFor(kind, li) : null);
          add(newPolicy(kind, name, documentText(doc, text, info), levelName), li, pi);
        });
      });
    } else {
      (Array.isArray(value) ? value : [value]).forEach((entry, i) => {
        const { name, doc } = entryParts(entry);
        add(newPolicy(kind, name, documentText(doc, text, infoFor(kind, i))), i);
      });
    }
  }
  // Members the page has no editor for (a misspelt kind, say) are kept as they are, so the
  // engine still reports them.
  for (const key of Object.keys(policies)) {
    if (!KINDS.includes(key)) model.policiesExtra[key] = policies[key];
  }
  if (Array.isArray(obj.requests)) {
    model.requests = obj.requests.map(requestModel);
  } else if (obj.request !== undefined) {
    model.requests = [requestModel(obj.request)];
  }
  if (!model.requests.length) model.requests = [emptyRequest()];
  if (isObject(obj.whatIf)) readWhatIf(model, obj.whatIf, refs);
  else if (obj.whatIf !== undefined) model.extra.whatIf = obj.whatIf;
  for (const [key, value] of Object.entries(obj)) {
    if (!['name', 'policies', 'request', 'requests', 'whatIf'].includes(key)) model.extra[key] = value;
  }
  return model;
}

/** Turns `whatIf.disabled` entries into switches on cards; entries naming no card stay as written. */
function readWhatIf(model, whatIf, refs) {
  const { disabled, ...rest } = whatIf;
  model.whatIfExtra = rest;
  if (!Array.isArray(disabled)) {
    if (disabled !== undefined) model.whatIfExtra.disabled = disabled;
    return;
  }
  const isIndex = (v) => Number.isInteger(v) && v >= 0;
  for (const entry of disabled) {
    const known = isObject(entry) && Object.keys(entry).every((k) => ['kind', 'index', 'position', 'statement', 'name'].includes(k));
    const index = entry?.index ?? 0;
    const position = entry?.position;
    const statement = entry?.statement ?? null;
    const hit =
      known && isIndex(index) && (statement === null || isIndex(statement)) && (position === undefined || isIndex(position))
        ? refs.find(
          (r) =>
            r.kind === entry.kind &&
            r.index === index &&
            (LEVEL_KINDS.has(r.kind) ? r.position === (position ?? 0) : position === undefined),
        )
        : null;
    if (hit && !isSwitchedOff(model, hit.policy.id, statement)) setSwitch(model, hit.policy.id, statement, true);
    else if (!hit) model.switchesUnmapped.push(entry);
  }
}

/** A plain copy of the model for localStorage (ids are reassigned on load). */
export function modelToJson(model) {
  return JSON.stringify(model);
}

/** Reads a model saved by modelToJson; throws when it is not one. */
export function modelFromJson(json) {
  const m = JSON.parse(json);
  if (!isObject(m) || !Array.isArray(m.policies) || !Array.isArray(m.requests)) throw new Error('not a saved model');
  const ids = new Map(); // saved id -> fresh id (ids are counters that restart with the page)
  const policies = m.policies
    .filter((p) => isObject(p) && KINDS.includes(p.kind))
    .map((p) => {
      const policy = newPolicy(p.kind, String(p.name ?? ''), String(p.text ?? ''), String(p.levelName ?? ''));
      ids.set(p.id, policy.id);
      return policy;
    });
  return {
    name: typeof m.name === 'string' ? m.name : '',
    policies,
    switches: (Array.isArray(m.switches) ? m.switches : [])
      .filter((s) => isObject(s) && ids.has(s.policyId))
      .map((s) => ({ policyId: ids.get(s.policyId), statement: Number.isInteger(s.statement) ? s.statement : null })),
    switchesUnmapped: Array.isArray(m.switchesUnmapped) ? m.switchesUnmapped : [],
    whatIfExtra: isObject(m.whatIfExtra) ? m.whatIfExtra : {},
    requests: (m.requests.length ? m.requests : [emptyRequest()]).map((r) => ({
      ...emptyRequest(),
      principal: String(r.principal ?? ''),
      action: String(r.action ?? ''),
      resource: String(r.resource ?? ''),
      resourceAccount: String(r.resourceAccount ?? ''),
      context: Array.isArray(r.context)
        ? r.context.map((c) => contextRow(String(c.key ?? ''), String(c.value ?? ''), !!c.multi, !!c.typed))
        : [],
      extra: isObject(r.extra) ? r.extra : {},
    })),
    policiesAbsent: m.policiesAbsent === true,
    emptyLevels: (Array.isArray(m.emptyLevels) ? m.emptyLevels : [])
      .filter((l) => isObject(l) && LEVEL_KINDS.has(l.kind) && typeof l.name === 'string' && Number.isInteger(l.at))
      .map((l) => ({ kind: l.kind, name: l.name, at: l.at })),
    policiesExtra: isObject(m.policiesExtra) ? m.policiesExtra : {},
    extra: isObject(m.extra) ? m.extra : {},
  };
}
