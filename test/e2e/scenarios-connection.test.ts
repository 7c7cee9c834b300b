// The lab's connection scenarios (see SCENARIO_FILES) in Chromium and Firefox; needs npm run build.
import { describeScenarios } from './scenario-runner';

describeScenarios('connection');
