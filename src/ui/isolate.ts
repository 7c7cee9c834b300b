import { visible } from '../core/cert/visible';
import type { Translate } from '../core/message';

// A sentence that embeds a page's or a certificate's text (a URL, a host, an authority's name)
// is one string from the browser's i18n, where no element can wrap the value: right-to-left
// letters in it would pull the digits and punctuation beside them into their own order. Such
// a value is put between the plain-text isolates LRI and PDI instead, Unicode's equivalent of
// `<bdi dir="ltr">` (UAX #9, "Explicit Directional Isolates"), left to right like the values
// the popup shows on their own (`.clamp` in popup.css).

const LRI = '\u2066';
const PDI = '\u2069';

/**
 * What can be right-to-left or steer the bidi algorithm: the ranges Unicode gives the classes
 * R and AL (DerivedBidiClass.txt: Hebrew to Arabic Extended-A, the Hebrew and Arabic
 * presentation forms, the historic and Adlam ranges of the supplementary planes), the RLM, and
 * the embedding, override and isolate controls. A sentence whose values hold none of these
 * stays at one level, in the reading order of its words: those values need no isolate, so the
 * words of ordinary reports stay exactly as they were.
 */
const BIDI =
  /[\u0590-\u08ff\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** `value` isolated if it needs to be; a control in it is escaped, so it cannot end the isolate early. */
export function isolate(value: string): string {
  return BIDI.test(value) ? LRI + visible(value) + PDI : value;
}

/** `t` with every substitution isolated: for sentences that embed untrusted text. */
export function isolating(t: Translate): Translate {
  return (key, subs) => t(key, subs?.map(isolate));
}
