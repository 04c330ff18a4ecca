// iam-playground: the <iam-playground> element. Importing the package defines it:
//
//   import 'iam-playground';
//
// The engine alone is `iam-playground/engine`.

import type { Answer } from './answer.js';

export type * from './answer.js';
export type * from './scenario.js';

/**
 * `<iam-playground>`: a live, editable IAM example. Its content (a `<script
 * type="application/json">` holding a scenario) or its `src` (a scenario file on the same
 * site, or a share link `#v1.…`) is the scenario.
 *
 * Attributes: `src`, `readonly`, `panes` (any of `policies`, `request`, `decision`), `compact`,
 * `theme` (`light`, `dark`, `auto`), `playground` (the playground's address for "Open in
 * playground"; without it the link is hidden).
 *
 * It fires `decision` (a `CustomEvent` whose `detail` is the engine's answer) after every
 * evaluation, and mirrors the result in `data-decision` and `data-evaluations`.
 */
export class IamPlaygroundElement extends HTMLElement {
  /** The scenario as edited now (JSON text). */
  readonly scenarioJson: string;
  addEventListener<K extends keyof IamPlaygroundElementEventMap>(type: K, listener: (this: IamPlaygroundElement, ev: IamPlaygroundElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/**
 * Turns the ```iam-playground code fences in `root` (rendered as
 * `pre > code.language-iam-playground`) into embeds; returns the new elements. The package
 * does it for the whole page on import, and for fences added later.
 */
export function upgradeFences(root?: ParentNode): IamPlaygroundElement[];

/** The events of `<iam-playground>`. */
export interface IamPlaygroundElementEventMap extends HTMLElementEventMap {
  decision: CustomEvent<Answer>;
}

declare global {
  interface HTMLElementTagNameMap {
    'iam-playground': IamPlaygroundElement;
  }
}
