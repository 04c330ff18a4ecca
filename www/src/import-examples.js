// The texts of the artefacts the Examples menu offers to import (examples.js IMPORT_EXAMPLES):
// a chunk of its own, fetched when one is opened.

import decodedMessage from '../artefacts/decoded-authorization-message.json';
import decodedMessageCli from '../artefacts/decode-authorization-message-cli-output.json';

export const IMPORT_TEXTS = { i1: decodedMessage, i2: decodedMessageCli };
