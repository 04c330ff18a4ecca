// The tools half of the engine worker (a classic script of its own, www/dist/worker-tools.js):
// the tools module's JavaScript glue and the AWS data (aws-worker.js). worker.js reads it in
// with importScripts the first time a tool is needed (tools-loader.js), so the first decision
// fetches only the deciding half.

import initTools, * as tools from '../pkg-tools/iam_playground_tools.js';
import * as aws from './aws-worker.js';

self.iamPlaygroundTools = { initTools, tools, aws };
