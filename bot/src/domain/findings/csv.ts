// RFC 4180 CSV, streamed: chunks in, records out with the line they start on, so a 100k-row
// export never has to sit in memory as one string and every problem can name its line.
// Accepts a UTF-8 BOM, CRLF or LF line ends, quoted fields with commas, "" and line breaks.

export interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  fields: string[];
}
export interface CsvProblem {
  line: number;
  message: string;
}

export class CsvParser {
  private buf = '';
  private lineNo = 1;
  private pending: string | null = null;
  private pendingStart = 0;
  private inQuotes = false;
  private started = false;

  constructor(private readonly onRecord: (r: CsvRecord) => void, private readonly onProblem: (p: CsvProblem) => void) {}

  push(chunk: string): void {
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.buf = this.buf ? this.buf + chunk : chunk;
    let pos = 0;
    for (;;) {
      const nl = this.buf.indexOf('\n', pos);
      if (nl < 0) break;
      const end = nl > pos && this.buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.physicalLine(this.buf.slice(pos, end));
      pos = nl + 1;
    }
    this.buf = pos ? this.buf.slice(pos) : this.buf;
  }

  end(): void {
    if (this.buf) this.physicalLine(this.buf.endsWith('\r') ? this.buf.slice(0, -1) : this.buf);
    this.buf = '';
    if (this.pending !== null) {
      this.onProblem({ line: this.pendingStart, message: 'a quoted field is never closed (a " is missing).' });
      this.pending = null;
    }
  }

  private physicalLine(text: string): void {
    if (this.pending === null) {
      this.pending = text;
      this.pendingStart = this.lineNo;
      this.inQuotes = endsInQuotes(text, false);
    } else {
      // Still inside a quoted field: the line break belongs to the field.
      this.pending += '\n' + text;
      this.inQuotes = endsInQuotes(text, true);
    }
    this.lineNo++;
    if (!this.inQuotes) {
      const record = this.pending;
      this.pending = null;
      const fields = splitRecord(record);
      if (typeof fields === 'string') this.onProblem({ line: this.pendingStart, message: fields });
      else this.onRecord({ line: this.pendingStart, fields });
    }
  }
}

/**
 * Whether a line ends inside a quoted field. A quote opens a field only at its start (line start
 * or after a comma); a stray quote elsewhere does not swallow the following lines, it is
 * reported on its own line by splitRecord.
 */
function endsInQuotes(s: string, inQuotes: boolean): boolean {
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) {
    if (inQuotes) {
      if (s.charCodeAt(i + 1) === 34) i++; // "" inside a quoted field
      else inQuotes = false;
    } else if (i === 0 || s.charCodeAt(i - 1) === 44) inQuotes = true;
  }
  return inQuotes;
}

function splitRecord(s: string): string[] | string {
  if (!s.includes('"')) return s.split(',');
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (s.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0) return 'a quoted field is never closed.';
        value += s.slice(j, q);
        if (s.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      out.push(value);
      if (j === s.length) return out;
      if (s.charCodeAt(j) !== 44) return `unexpected text after a closing quote in field ${out.length}.`;
      i = j + 1;
    } else {
      const comma = s.indexOf(',', i);
      const field = comma < 0 ? s.slice(i) : s.slice(i, comma);
      if (field.includes('"')) return `field ${out.length + 1} has a " inside an unquoted value; quote the field and double the quote ("").`;
      out.push(field);
      if (comma < 0) return out;
      i = comma + 1;
    }
  }
}

/** Feeds a byte or text stream through the parser; reports progress in bytes. */
export async function parseCsvStream(
  source: AsyncIterable<Uint8Array | string>,
  onRecord: (r: CsvRecord) => void,
  onProblem: (p: CsvProblem) => void,
  onProgress?: (bytesRead: number) => void,
): Promise<{ bytes: number; notUtf8: boolean }> {
  const parser = new CsvParser(onRecord, onProblem);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  try {
    for await (const chunk of source) {
      if (typeof chunk === 'string') {
        bytes += chunk.length; // text input: progress in characters
        parser.push(chunk);
      } else {
        bytes += chunk.byteLength;
        parser.push(decoder.decode(chunk, { stream: true }));
      }
      onProgress?.(bytes);
    }
    parser.push(decoder.decode());
  } catch (e) {
    if (e instanceof TypeError) return { bytes, notUtf8: true };
    throw e;
  }
  parser.end();
  return { bytes, notUtf8: false };
}
