// msgpackr wraps require('msgpackr-extract') in try/catch and uses its JS decoder on failure.
throw new Error('msgpackr-extract is disabled in this project (see package.json).');
