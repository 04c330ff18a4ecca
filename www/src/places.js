// Places: the engine's answer points into the scenario text it evaluated (UTF-16 offsets);
// these functions turn such a location into a place of the page (an editor and its range, a
// request field, a context row), into words for people, and into a jump there.

import { locate, segmentAt } from './scenario.js';
import { t } from './i18n/index.js';

/**
 * `ctx` gives:
 *   view()                       the current { model, segments, answer }
 *   policies, request            the panes (reveal, revealCard, label; focus)
 *   openScenario(location)       shows the whole scenario text at a location no pane holds
 */
export function createPlaces(ctx) {
  // Line starts of each policy's text, for line/column of many diagnostics in a large policy.
  const lineStarts = new Map(); // policyId -> { text, starts }

  /** The policy id an answer's policy reference is about (through its document's place). */
  function policyIdOf(ref, answer = ctx.view().answer) {
    const info = (answer?.policies || []).find(
      (p) => p.kind === ref.kind && p.index === ref.index && (p.position ?? null) === (ref.position ?? null),
    );
    // Only the segment is needed (locate's offsets inside it take a pass over the whole text).
    const seg = info?.documentLocation ? segmentAt(ctx.view().segments, info.documentLocation.utf16Start) : null;
    return { info, policyId: seg?.policyId };
  }

  /** The label of an answer's policy reference, as its card shows it. */
  function policyLabel(ref, answer = ctx.view().answer) {
    const { info, policyId } = policyIdOf(ref, answer);
    return (policyId && ctx.policies().label(policyId)) || info?.label || ref.name || ref.kind;
  }

  /** Goes to the place an answer location points at. */
  function jump(location) {
    const target = locate(ctx.view().segments, location);
    if (!target) {
      ctx.openScenario(location);
      return;
    }
    if (target.type === 'policy') ctx.policies().reveal(target.policyId, target.from, target.to);
    else if (target.type === 'policyEntry') ctx.policies().revealCard(target.policyId);
    else if (target.request !== undefined) ctx.request().focus(target);
    else ctx.openScenario(location);
  }

  /** 1-based line and column (in UTF-16 units, as the editor counts) of an offset in a policy. */
  function lineColumn(policyId, offset) {
    const text = ctx.view().model.policies.find((p) => p.id === policyId)?.text || '';
    let cached = lineStarts.get(policyId);
    if (!cached || cached.text !== text) {
      const starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      cached = { text, starts };
      lineStarts.set(policyId, cached);
    }
    const { starts } = cached;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  /** Words for where a location is: "EC2 full access, line 3, column 7". */
  function where(location) {
    if (!location) return '';
    const { model, segments } = ctx.view();
    const target = locate(segments, location);
    if (!target) return t('place.scenario', { line: String(location.line), column: String(location.column) });
    if (target.type === 'policy') {
      const { line, column } = lineColumn(target.policyId, target.from);
      return t('place.policy', { policy: ctx.policies().label(target.policyId), line: String(line), column: String(column) });
    }
    if (target.type === 'policyEntry') return ctx.policies().label(target.policyId);
    const n = model.requests.length > 1 ? t('place.requestN', { n: String(target.request + 1) }) : t('place.request');
    if (target.type === 'field') return `${n} · ${target.field}`;
    if (target.type === 'contextKey' || target.type === 'contextValue') {
      const row = model.requests[target.request]?.context.find((r) => r.id === target.rowId);
      return t('place.contextKey', { request: n, key: row?.key || '' });
    }
    if (target.type === 'request') return n;
    return t('place.scenario', { line: String(location.line), column: String(location.column) });
  }

  return { policyIdOf, policyLabel, jump, where, forget: () => lineStarts.clear() };
}
