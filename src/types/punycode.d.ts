// punycode.js ships no types; we use only the decoder.
declare module 'punycode/punycode.es6.js' {
  export function toUnicode(domain: string): string;
}
