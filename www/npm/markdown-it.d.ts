/** A markdown-it plugin: keeps the options of ```iam-playground fences in `data-info`. */
export default function iamPlayground(md: { core: { ruler: { push(name: string, rule: (state: { tokens: Array<{ type: string; info: string; attrSet(name: string, value: string): void }> }) => void): void } } }): void;
