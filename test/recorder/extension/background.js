// The recorder: logs every top-frame and sub-frame webRequest and webNavigation event, as the
// browser delivers it, into `globalThis.recorded` for record.ts to read. Not part of Portwatch.
globalThis.recorded = [];
const api = globalThis.browser ?? globalThis.chrome;
const FIELDS = [
  'requestId',
  'url',
  'type',
  'method',
  'frameId',
  'initiator',
  'originUrl',
  'documentUrl',
  'ip',
  'statusCode',
  'redirectUrl',
  'error',
  'fromCache',
  'transitionType',
  'transitionQualifiers',
  'timeStamp',
  'tabId',
  'documentLifecycle',
];
function record(listener) {
  return (details) => {
    if (details.tabId !== undefined && details.tabId < 0) return;
    const kept = { listener };
    for (const key of FIELDS) if (details[key] != null) kept[key] = details[key];
    if (details.responseHeaders) kept.responseHeaders = details.responseHeaders;
    globalThis.recorded.push(kept);
  };
}
const DOCUMENTS = { urls: ['<all_urls>'], types: ['main_frame', 'sub_frame'] };
const web = api.webRequest;
web.onBeforeRequest.addListener(record('webRequest.onBeforeRequest'), DOCUMENTS);
web.onBeforeRedirect.addListener(record('webRequest.onBeforeRedirect'), DOCUMENTS);
web.onResponseStarted.addListener(record('webRequest.onResponseStarted'), DOCUMENTS, [
  'responseHeaders',
]);
web.onErrorOccurred.addListener(record('webRequest.onErrorOccurred'), DOCUMENTS);
const nav = api.webNavigation;
nav.onBeforeNavigate.addListener(record('webNavigation.onBeforeNavigate'));
nav.onCommitted.addListener(record('webNavigation.onCommitted'));
nav.onCompleted.addListener(record('webNavigation.onCompleted'));
nav.onErrorOccurred.addListener(record('webNavigation.onErrorOccurred'));
