// Tiny logging helpers shared by the local scripts (they run before dependencies exist).
const tty = process.stdout.isTTY;
const paint = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);

export const log = (message) => console.log(`${paint('36', '[portcullis]')} ${message}`);
export const warn = (message) => console.error(`${paint('33', '[portcullis]')} ${message}`);
export const fail = (message) => {
  const error = new Error(message);
  error.portcullisFatal = true;
  return error;
};

export function colourFor(index) {
  return ['32', '34', '35', '36', '33', '92', '94', '95', '96'][index % 9];
}

export function prefixLines(stream, prefix, out) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) out.write(`${prefix} ${line}\n`);
  });
  stream.on('end', () => {
    if (buffered) out.write(`${prefix} ${buffered}\n`);
  });
}
