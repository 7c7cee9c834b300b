// The page itself sends you from https to http: refresh, script, link, form.
import { formPage, linkPage, metaRefreshPage, page, scriptRedirectPage } from '../pages';
import type { Scenario } from '../scenario-types';

export const NAVIGATION_SCENARIOS: Scenario[] = [
  {
    id: 'typed-http-over-https',
    group: 'navigation',
    title: 'An http URL typed over an https page',
    reach: { by: 'typed', over: 'https://typed-from.test/' },
    startUrl: 'http://typed-to.test/',
    endUrl: 'http://typed-to.test/',
    expect: {
      verdict: 'warning',
      badge: 'HTTP',
      findings: { 'insecure-page': { severity: 'warning' } },
      // The person chose to go there: the page did not send them.
      absent: ['downgrade-navigation'],
      fields: { port: 80, hops: 0 },
    },
    browsers: {
      firefox: {
        why:
          'Under automation Firefox commits a typed URL as transition "link" (a person typing ' +
          'gets "typed"); the request has no originUrl, which is what tells it from a link.',
      },
    },
    serves: {
      'https://typed-from.test/': page('Where the person was'),
      'http://typed-to.test/': page('Typed over plain HTTP'),
    },
  },
  {
    id: 'meta-refresh-downgrade',
    group: 'navigation',
    title: 'https → http by <meta http-equiv="refresh">',
    reach: { by: 'typed' },
    startUrl: 'https://refresh.test/',
    endUrl: 'http://refresh.test/landed',
    expect: {
      verdict: 'danger',
      badge: '!',
      findings: {
        'downgrade-navigation': { severity: 'danger', detail: 'same site' },
        'insecure-page': { severity: 'warning' },
      },
      absent: ['downgrade-redirect'],
      fields: { port: 80, hops: 0 },
    },
    serves: {
      'https://refresh.test/': metaRefreshPage('Refreshes to http', 'http://refresh.test/landed'),
      'http://refresh.test/landed': page('Landed after a meta refresh'),
    },
  },
  {
    id: 'script-downgrade',
    group: 'navigation',
    title: "https → http by a script's location = …",
    reach: { by: 'typed' },
    startUrl: 'https://script.test/',
    endUrl: 'http://script.test/landed',
    expect: {
      verdict: 'danger',
      badge: '!',
      findings: {
        'downgrade-navigation': { severity: 'danger', detail: 'same site' },
        'insecure-page': { severity: 'warning' },
      },
      absent: ['downgrade-redirect'],
      fields: { port: 80, hops: 0 },
    },
    serves: {
      'https://script.test/': scriptRedirectPage('Script to http', 'http://script.test/landed'),
      'http://script.test/landed': page('Landed after a script'),
    },
  },
  {
    id: 'link-same-site',
    group: 'navigation',
    title: 'A link from https to http on the same site',
    reach: { by: 'click', selector: '#go' },
    startUrl: 'https://link.test/same-site',
    endUrl: 'http://www.link.test/landed',
    expect: {
      verdict: 'danger',
      badge: '!',
      findings: {
        'downgrade-navigation': { severity: 'danger', detail: 'same site' },
        'insecure-page': { severity: 'warning' },
      },
      absent: ['downgrade-redirect'],
      fields: { port: 80, hops: 0 },
    },
    serves: {
      'https://link.test/same-site': linkPage(
        'Link on the same site',
        'http://www.link.test/landed',
      ),
      'http://www.link.test/landed': page('Landed on the same site'),
    },
  },
  {
    id: 'link-other-site',
    group: 'navigation',
    title: 'A link from https to http on another site',
    reach: { by: 'click', selector: '#go' },
    startUrl: 'https://link.test/other-site',
    endUrl: 'http://elsewhere.test/landed',
    expect: {
      verdict: 'warning',
      badge: '!',
      findings: {
        'downgrade-navigation': { severity: 'warning' },
        'insecure-page': { severity: 'warning' },
      },
      absent: ['downgrade-redirect'],
      fields: { port: 80, hops: 0 },
    },
    serves: {
      'https://link.test/other-site': linkPage(
        'Link to another site',
        'http://elsewhere.test/landed',
      ),
      'http://elsewhere.test/landed': page('Landed on another site'),
    },
  },
  {
    id: 'form-post-to-http',
    group: 'navigation',
    title: 'A form on an https page posted to http',
    reach: { by: 'submit', selector: '#send', fields: { q: 'portwatch' } },
    startUrl: 'https://form.test/',
    endUrl: 'http://form.test/submitted',
    expect: {
      verdict: 'danger',
      badge: '!',
      findings: {
        'insecure-form': { severity: 'danger' },
        'insecure-page': { severity: 'warning' },
      },
      // The form is the finding; the navigation it caused is not a second one.
      absent: ['downgrade-navigation', 'downgrade-redirect'],
      fields: { port: 80, hops: 0 },
    },
    browsers: {
      chromium: {
        why:
          'Chromium stops the POST with its own "Form is not secure" page; Portwatch sees nothing ' +
          'until the user clicks "Send anyway", then a POST with the https initiator.',
        interstitial: { proceed: '#proceed-button', what: 'Form is not secure' },
      },
      firefox: {
        why:
          'Firefox asks first in a tab-modal prompt that automation cannot answer, so this ' +
          'scenario alone runs with security.warn_submit_secure_to_insecure off; nothing reaches ' +
          'the extension until the prompt is accepted.',
        firefoxPrefs: { 'security.warn_submit_secure_to_insecure': false },
      },
    },
    serves: {
      'https://form.test/': formPage('A form that posts to http', 'http://form.test/submitted'),
      'http://form.test/submitted': page('Form received over plain HTTP'),
    },
  },
];
