// A jest reporter that writes the failed tests (name, file, the first lines of the error) to
// `PORTCULLIS_FAILURE_SUMMARY`. `npm test` prints that file as its very last output, so a CI log
// that keeps only its tail still names what failed (the default reporter prints failures
// hundreds of lines earlier, before the compat suite's own output).
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const MAX_LINES = 12;

export default class FailureSummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.failures = [];
  }

  onTestResult(_test, result) {
    const file = relative(this.rootDir, result.testFilePath);
    if (result.testExecError) {
      this.failures.push({ file, name: '(the suite did not run)', message: result.testExecError.message ?? String(result.testExecError) });
    }
    for (const assertion of result.testResults) {
      if (assertion.status !== 'failed') continue;
      this.failures.push({ file, name: assertion.fullName, message: assertion.failureMessages.join('\n') });
    }
  }

  onRunComplete() {
    const target = process.env.PORTCULLIS_FAILURE_SUMMARY;
    if (!target) return;
    const text = this.failures
      .map(({ file, name, message }) => {
        const lines = message.split('\n').filter((l) => l.trim() !== '' && !/^\s*at .*node_modules/.test(l)).slice(0, MAX_LINES);
        return `✕ ${file} › ${name}\n${lines.map((l) => `    ${l}`).join('\n')}`;
      })
      .join('\n');
    writeFileSync(target, text);
  }
}
