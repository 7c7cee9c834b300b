import type browser from 'webextension-polyfill';

// Chrome's optional permission for certificate details. The polyfill's permission names do not
// include it (it is Chrome's alone), hence the cast, written once here.

export const DEBUGGER_PERMISSION = ['debugger'] as unknown as browser.Manifest.OptionalPermission[];
