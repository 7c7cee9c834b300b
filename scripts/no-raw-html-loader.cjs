// Compiles Preact's one raw-HTML path (`dangerouslySetInnerHTML`) out of our bundles. Portwatch
// renders only text (lint forbids the prop), so the path is dead code — but it is the one
// innerHTML assignment a store reviewer or `web-ext lint` would have to trust. Fails the build
// if Preact changes shape, so an upgrade can neither break this silently nor bring it back.
'use strict';

const RAW_HTML = /(\w+)\.innerHTML=(\w+)\.__html/g;

module.exports = function noRawHtml(source) {
  const matches = source.match(RAW_HTML) ?? [];
  if (matches.length !== 1) {
    throw new Error(
      `no-raw-html-loader: expected one innerHTML assignment in ${this.resourcePath}, found ${matches.length}`,
    );
  }
  // The expression becomes a no-op: an element given raw HTML would simply stay empty.
  return source.replace(RAW_HTML, 'void 0');
};
