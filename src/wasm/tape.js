// Builds the JavaScript value a tape stands for: the answers of `evaluate` and `decide`, which
// the WebAssembly module writes as 32-bit words and one string (src/tape.rs documents the
// format; tests/tape.rs reads it the same way). wasm-bindgen copies this file beside the
// module's glue (`snippets/`) and calls it from Rust (src/wasm/error.rs) with a view of the
// words in the module's memory, valid during the call only, and the text.
//
// The reader's place is kept here, not in closures made per call: `value` and the builders of
// the shaped objects (below) are made once.

const float = new DataView(new ArrayBuffer(8));

/** @type {Uint32Array | undefined} */
let words;
let text = '';
let at = 0;
let pos = 0;

/** @param {Uint32Array} tapeWords @param {string} tapeText */
export function readTape(tapeWords, tapeText) {
  words = tapeWords;
  text = tapeText;
  at = 0;
  pos = 0;
  try {
    return value();
  } finally {
    // Neither the view of the module's memory nor the text is kept past the call.
    words = undefined;
    text = '';
  }
}

function value() {
  const w = words[at++];
  const n = w >>> 4;
  switch (w & 15) {
    case 0:
      return null;
    case 1:
      return false;
    case 2:
      return true;
    case 3:
      return n;
    case 4:
      float.setUint32(0, words[at++], true);
      float.setUint32(4, words[at++], true);
      return float.getFloat64(0, true);
    case 5:
      return text.slice(pos, (pos += n));
    case 6: {
      const array = [];
      for (let i = 0; i < n; i++) array.push(value());
      return array;
    }
    case 7: {
      // An object without a shape (no answer has one): its members' names in full.
      const object = {};
      for (let i = 0; i < n; i++) {
        const k = value();
        if (typeof k !== 'string') throw new Error(`tape: a key before word ${at} is not a string`);
        const v = value();
        // A key from the user's text is data: `__proto__` is a member, as JSON.parse makes
        // it, not the object's prototype.
        if (k === '__proto__') {
          Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true });
        } else {
          object[k] = v;
        }
      }
      return object;
    }
    case 8: {
      // An object of a known shape: its builder, given which optional members are left out.
      const build = SHAPES[n & SHAPE_MASK];
      if (build === undefined) throw new Error(`tape: word ${at - 1} (${w}) names no shape`);
      return build(n >>> SHAPE_BITS);
    }
    default:
      throw new Error(`tape: word ${at - 1} (${w}) is not a value`);
  }
}

// @generated shapes: written from SHAPES in src/tape/shapes.rs by tests/tape.rs
// (`IAM_PLAYGROUND_WRITE_SHAPES=1 cargo test --test tape`), which checks that they agree.
const SHAPE_BITS = 6;
const SHAPE_MASK = 63;
const SHAPES = [
  // 0: Location
  () => ({
    start: value(),
    end: value(),
    line: value(),
    column: value(),
    endLine: value(),
    endColumn: value(),
    utf16Start: value(),
    utf16End: value(),
  }),
  // 1: Answer
  (out) => {
    const o = { engineVersion: value(), status: value() };
    if (!(out & 4)) o.name = value();
    if (!(out & 8)) o.decision = value();
    o.requests = value();
    o.diagnostics = value();
    o.policies = value();
    return o;
  },
  // 2: Brief
  (out) => {
    const o = { engineVersion: value(), status: value() };
    if (!(out & 4)) o.name = value();
    if (!(out & 8)) o.decision = value();
    o.requests = value();
    o.diagnostics = value();
    return o;
  },
  // 3: BriefRequest
  () => ({ index: value(), decision: value(), decidedBy: value(), matchedStatements: value() }),
  // 4: DiagnosticOut
  (out) => {
    const o = { severity: value(), code: value(), message: value() };
    if (!(out & 8)) o.help = value();
    if (!(out & 16)) o.location = value();
    if (!(out & 32)) o.path = value();
    if (!(out & 64)) o.snippet = value();
    if (!(out & 128)) o.replacement = value();
    return o;
  },
  // 5: PolicyRef
  (out) => {
    const o = { kind: value(), index: value() };
    if (!(out & 4)) o.position = value();
    if (!(out & 8)) o.name = value();
    return o;
  },
  // 6: PolicyInfo
  (out) => {
    const o = { kind: value(), index: value() };
    if (!(out & 4)) o.position = value();
    if (!(out & 8)) o.name = value();
    o.label = value();
    if (!(out & 32)) o.levelName = value();
    o.location = value();
    o.documentLocation = value();
    o.statementCount = value();
    if (!(out & 512)) o.disabled = value();
    return o;
  },
  // 7: StatementRef
  (out) => {
    const o = { policy: value(), statementIndex: value() };
    if (!(out & 4)) o.sid = value();
    o.effect = value();
    o.location = value();
    return o;
  },
  // 8: StatementExplanation
  (out) => {
    const o = { policy: value(), statementIndex: value() };
    if (!(out & 4)) o.sid = value();
    o.effect = value();
    o.location = value();
    o.applies = value();
    o.action = value();
    o.resource = value();
    if (!(out & 256)) o.principal = value();
    o.conditions = value();
    o.conditionsMet = value();
    return o;
  },
  // 9: RequestResult
  (out) => {
    const o = { index: value(), request: value(), decision: value(), decidedBy: value(), summary: value(), layers: value(), matchedStatements: value(), statements: value(), context: value(), missingContextKeys: value(), authorizationMessage: value() };
    if (!(out & 2048)) o.disabledStatements = value();
    if (!(out & 4096)) o.passRoleNote = value();
    return o;
  },
  // 10: PassRoleNote
  () => ({ summary: value(), explanation: value(), learnMore: value() }),
  // 11: RequestInfo
  (out) => {
    const o = { principal: value(), principalType: value() };
    if (!(out & 4)) o.principalAccount = value();
    o.action = value();
    o.resource = value();
    if (!(out & 32)) o.resourceAccount = value();
    o.crossAccount = value();
    o.location = value();
    return o;
  },
  // 12: LayerResult
  (out) => {
    const o = { layer: value() };
    if (!(out & 2)) o.level = value();
    if (!(out & 4)) o.levelName = value();
    o.side = value();
    o.status = value();
    o.required = value();
    o.reason = value();
    o.statements = value();
    return o;
  },
  // 13: ElementMatch
  (out) => {
    const o = { element: value(), matched: value() };
    if (!(out & 4)) o.matchedValue = value();
    o.detail = value();
    if (!(out & 16)) o.location = value();
    return o;
  },
  // 14: ConditionResult
  (out) => {
    const o = { operator: value(), key: value(), keyPresent: value() };
    if (!(out & 8)) o.requestValues = value();
    if (!(out & 16)) o.valueSource = value();
    o.values = value();
    o.outcome = value();
    o.reason = value();
    o.location = value();
    return o;
  },
  // 15: ValueComparison
  (out) => {
    const o = { value: value() };
    if (!(out & 2)) o.resolved = value();
    if (!(out & 4)) o.variables = value();
    o.matched = value();
    if (!(out & 16)) o.note = value();
    o.location = value();
    return o;
  },
  // 16: VariableUse
  (out) => {
    const o = { text: value(), key: value() };
    if (!(out & 4)) o.value = value();
    o.usedDefault = value();
    return o;
  },
  // 17: ContextKeyInfo
  (out) => {
    const o = { key: value(), values: value(), multivalued: value(), source: value() };
    if (!(out & 16)) o.derivedFrom = value();
    return o;
  },
  // 18: MissingKey
  () => ({ key: value(), referencedBy: value(), couldChangeDecision: value() }),
  // 19: AuthorizationMessage
  () => ({
    allowed: value(),
    explicitDeny: value(),
    matchedStatements: value(),
    failures: value(),
    context: value(),
  }),
  // 20: Items
  () => ({ items: value() }),
  // 21: Value
  () => ({ value: value() }),
  // 22: MatchedStatement
  () => ({
    statementId: value(),
    effect: value(),
    principals: value(),
    principalGroups: value(),
    actions: value(),
    resources: value(),
    conditions: value(),
  }),
  // 23: KeyValues
  () => ({ key: value(), values: value() }),
  // 24: MessageContext
  () => ({ principal: value(), action: value(), resource: value(), conditions: value() }),
  // 25: MessagePrincipal
  (out) => {
    const o = {};
    if (!(out & 1)) o.id = value();
    if (!(out & 2)) o.name = value();
    o.arn = value();
    return o;
  },
];
// @end shapes
