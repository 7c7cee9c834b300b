// Both browsers' TLS details into the one model (model.ts). Pure mappers: the background
// calls the browser and hands the objects over, so these are tested without a browser.

export { fromChromeSecurityDetails, type ChromeSecurityDetails } from './from-chrome';
export { fromFirefoxSecurityInfo, type FirefoxSecurityInfo } from './from-firefox';
