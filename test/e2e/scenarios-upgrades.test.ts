// The lab's upgrade scenarios (the browsers' own HTTPS upgrading, on names they upgrade) in
// Chromium and Firefox as shipped, each walked three times in a new browser: the order of a
// failed attempt's events varies from run to run, and what Portwatch shows must not.
import { describeScenarios } from './scenario-runner';

describeScenarios('upgrades', { runs: 3 });
