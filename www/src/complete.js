// Completion and hover in the policy editors, from the AWS catalog in the worker:
// inside `Action`/`NotAction` strings, service prefixes and actions; inside `Condition`,
// operators (the condition object's keys) and the condition keys valid for the statement's
// actions; inside `Resource` strings, the ARN templates of the statement's actions. Hovering
// an action pattern shows how many actions it covers, and which.
//
// Every query is asynchronous (a worker round trip, cached for the lists that never change),
// so typing never waits; until the catalog is loaded nothing is offered.

import { autocompletion, closeBrackets } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import { hoverTooltip } from '@codemirror/view';
import { t as tr, tp } from './i18n/index.js';

const ACTION_KEYS = new Set(['Action', 'NotAction']);
const RESOURCE_KEYS = new Set(['Resource', 'NotResource']);
const HOVER_LIMIT = 50;

/** The text of a PropertyName or String node, without its quotes. */
function unquote(state, node) {
  const raw = state.sliceDoc(node.from, node.to);
  try {
    return JSON.parse(raw);
  } catch {
    return raw.replace(/^"|"$/g, '');
  }
}

/** The key of a Property node. */
function propertyKey(state, prop) {
  const name = prop?.firstChild;
  return name && name.name === 'PropertyName' ? unquote(state, name) : null;
}

/** The strings of a statement object's `key` member (string or array of strings). */
function memberStrings(state, object, key) {
  const out = [];
  if (!object) return out;
  for (let prop = object.firstChild; prop; prop = prop.nextSibling) {
    if (prop.name !== 'Property' || propertyKey(state, prop) !== key) continue;
    const value = prop.lastChild;
    if (value?.name === 'String') out.push(unquote(state, value));
    else if (value?.name === 'Array') {
      for (let v = value.firstChild; v; v = v.nextSibling) if (v.name === 'String') out.push(unquote(state, v));
    }
  }
  return out;
}

/**
 * Where a string starting at `quote` stands: `{role: 'value', key, statement}` for a value of
 * member `key` (directly or in an array), `{role: 'key', parentKey, grandKey, statement}` for
 * a member name. `statement` is the object holding the member (the statement for Action,
 * Resource and Condition).
 */
export function stringContext(state, quote) {
  let node = syntaxTree(state).resolveInner(quote, -1);
  // A punctuation token (`[`, `,`, `:`, `{`) or an error node: its container.
  if (!['Object', 'Array', 'Property'].includes(node.name)) node = node.parent;
  if (!node) return null;
  if (node.name === 'Array') {
    const prop = node.parent;
    if (prop?.name !== 'Property') return null;
    return { role: 'value', key: propertyKey(state, prop), statement: prop.parent };
  }
  if (node.name === 'Property') {
    // After `"Key":` the string is the value; before the colon it is the name itself.
    const name = node.firstChild;
    if (name && name.name === 'PropertyName' && name.to <= quote && state.sliceDoc(name.to, quote).includes(':')) {
      return { role: 'value', key: propertyKey(state, node), statement: node.parent };
    }
    node = node.parent;
  }
  if (node?.name === 'Object') {
    const prop = node.parent?.name === 'Property' ? node.parent : null;
    const grand = prop?.parent?.parent?.name === 'Property' ? prop.parent.parent : null;
    return {
      role: 'key',
      parentKey: prop ? propertyKey(state, prop) : null,
      grandKey: grand ? propertyKey(state, grand) : null,
      statement: grand ? grand.parent : null,
    };
  }
  return null;
}

/** The string being typed at `pos`: `{quote, text}` (text between the quote and the cursor). */
function typedString(state, pos) {
  const line = state.doc.lineAt(pos);
  const before = line.text.slice(0, pos - line.from);
  let inString = false;
  let start = -1;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (inString && c === '\\') i++;
    else if (c === '"') {
      inString = !inString;
      start = i;
    }
  }
  if (!inString) return null;
  return { quote: line.from + start, text: before.slice(start + 1) };
}

async function actionOptions(catalog, text) {
  const colon = text.indexOf(':');
  if (colon < 0) {
    const services = await catalog.cached('servicePrefixes');
    if (!services) return null;
    return services.map((s) => ({ label: `${s.prefix}:`, detail: tp('complete.actions', s.actionCount), info: s.name, type: 'namespace' }));
  }
  const actions = await catalog.cached('actions', text.slice(0, colon).toLowerCase());
  if (!actions) return null;
  return actions.map((a) => ({ label: a.fullName, detail: a.accessLevel, type: 'function' }));
}

function operatorOptions(operators) {
  const out = [];
  for (const op of operators || []) {
    out.push({ label: op.name, detail: op.family, type: 'keyword' });
    out.push({ label: `${op.name}IfExists`, detail: op.family, type: 'keyword', boost: -1 });
    out.push({ label: `ForAllValues:${op.name}`, detail: tr('complete.multivaluedKeys'), type: 'keyword', boost: -2 });
    out.push({ label: `ForAnyValue:${op.name}`, detail: tr('complete.multivaluedKeys'), type: 'keyword', boost: -2 });
  }
  return out;
}

/** The completion source for one editor; `catalog` is the page's catalog (catalog.js). */
function completionSource(catalog) {
  return async (context) => {
    const typed = typedString(context.state, context.pos);
    if (!typed) return null;
    if (!context.explicit && !catalog.ready()) {
      catalog.load();
      return null;
    }
    const where = stringContext(context.state, typed.quote);
    if (!where) return null;
    const from = typed.quote + 1;
    let options = null;
    let validFor = /^[\w:*?-]*$/;
    if (where.role === 'value' && ACTION_KEYS.has(where.key)) {
      options = await actionOptions(catalog, typed.text);
      // A prefix's list stays valid while the service is the same.
      validFor = typed.text.includes(':') ? /^[\w-]+:[\w*?]*$/ : /^[\w-]*$/;
    } else if (where.role === 'value' && RESOURCE_KEYS.has(where.key)) {
      const actions = memberStrings(context.state, where.statement, 'Action').filter((a) => !/[*?]/.test(a));
      const lists = await Promise.all(actions.slice(0, 10).map((a) => catalog.cached('arnTemplates', a)));
      const seen = new Set();
      options = [];
      lists.forEach((list, i) => {
        for (const t of list || []) {
          if (seen.has(t.arn)) continue;
          seen.add(t.arn);
          options.push({ label: t.arn, detail: t.resourceType, info: tr('complete.forAction', { action: actions[i] }), type: 'text' });
        }
      });
      validFor = /^[^"]*$/;
    } else if (where.role === 'key' && where.parentKey === 'Condition') {
      options = operatorOptions(await catalog.cached('conditionOperators'));
      validFor = /^[\w:]*$/;
    } else if (where.role === 'key' && where.grandKey === 'Condition') {
      const actions = memberStrings(context.state, where.statement, 'Action');
      const keys = await catalog.cached('conditionKeys', actions);
      options = (keys || []).map((k) => ({ label: k.name, detail: k.multivalued ? tr('complete.multivaluedType', { type: k.type }) : k.type, info: k.scope, type: 'property' }));
      validFor = /^[\w:/-]*$/;
    }
    if (!options || !options.length) return null;
    return { from, options, validFor };
  };
}

/** A hover on an action pattern: how many actions it covers, and which (as DOM text). */
function actionHover(catalog) {
  return hoverTooltip(async (view, pos, side) => {
    if (!catalog.ready()) return null;
    const state = view.state;
    let node = syntaxTree(state).resolveInner(pos, side);
    if (node.name !== 'String') return null;
    const where = stringContext(state, node.from);
    if (!where || where.role !== 'value' || !ACTION_KEYS.has(where.key)) return null;
    const pattern = unquote(state, node);
    const not = where.key === 'NotAction';
    const result = not
      ? await catalog.query('expandNot', memberStrings(state, where.statement, 'NotAction'), HOVER_LIMIT)
      : await catalog.query('expand', pattern, HOVER_LIMIT);
    if (!result) return null;
    return {
      pos: node.from,
      end: node.to,
      above: true,
      create() {
        const dom = document.createElement('div');
        dom.className = 'cm-expansion';
        const head = document.createElement('p');
        head.className = 'cm-expansion-head';
        const n = result.count;
        const services = String(result.services?.length || 0);
        head.textContent = not
          ? tp('complete.notActionLeaves', n)
          : result.services?.length > 1
            ? tp('complete.coversIn', n, { pattern, services })
            : tp('complete.covers', n, { pattern });
        dom.appendChild(head);
        if (result.actions?.length) {
          const list = document.createElement('ul');
          list.className = 'cm-expansion-list';
          for (const a of result.actions) {
            const li = document.createElement('li');
            li.textContent = a;
            list.appendChild(li);
          }
          dom.appendChild(list);
        }
        if (result.truncated || (result.actions && result.count > result.actions.length)) {
          const more = document.createElement('p');
          more.textContent = tp('complete.more', result.count - (result.actions?.length || 0));
          dom.appendChild(more);
        }
        return { dom };
      },
    };
  }, { hoverTime: 250 });
}

/** The editor extensions: completion, closing quotes and brackets, and the action hover. */
export function catalogExtensions(catalog) {
  if (!catalog) return [];
  return [
    closeBrackets(),
    autocompletion({ override: [completionSource(catalog)], activateOnTyping: true, icons: false }),
    actionHover(catalog),
  ];
}
