//! CSV records from bytes pushed in pieces, with csv-core (no I/O, nothing held but the
//! record being read): comma or semicolon (sniffed from the header line), quoted fields,
//! a UTF-8 byte order mark, Excel's CRLF.

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// The longest record kept, in bytes; a longer one is reported as too long, not read.
pub const MAX_RECORD: usize = 1 << 20;

/// One record: its fields, or `None` when it was too long to keep.
pub type Record = Option<Vec<String>>;

pub struct Records {
    reader: Option<Reader>,
    /// Bytes held until the header line shows the delimiter.
    pending: Vec<u8>,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    too_long: bool,
}

impl Default for Records {
    fn default() -> Self {
        Records {
            reader: None,
            pending: Vec::new(),
            out: vec![0; 4096],
            out_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
            too_long: false,
        }
    }
}

/// `;` when the header line has more semicolons than commas outside quotes, else `,`.
fn delimiter(line: &[u8]) -> u8 {
    let (mut quoted, mut commas, mut semicolons) = (false, 0, 0);
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        b';'
    } else {
        b','
    }
}

impl Records {
    /// Reads what `input` completes, handing each whole record to `each`.
    pub fn push(&mut self, input: &[u8], each: &mut dyn FnMut(Record)) {
        if self.reader.is_none() {
            self.pending.extend_from_slice(input);
            let newline = self.pending.iter().position(|&b| b == b'\n');
            let Some(header_end) =
                newline.or((self.pending.len() > MAX_RECORD).then_some(MAX_RECORD))
            else {
                return;
            };
            self.start(header_end);
            let pending = std::mem::take(&mut self.pending);
            self.read(&pending, each);
            return;
        }
        self.read(input, each);
    }

    /// The end of the input: the last record, if it had no line end.
    pub fn finish(&mut self, each: &mut dyn FnMut(Record)) {
        if self.reader.is_none() {
            let pending = std::mem::take(&mut self.pending);
            self.start(pending.len());
            self.read(&pending, each);
        }
        self.read(&[], each);
    }

    fn start(&mut self, header_end: usize) {
        let mut skip = 0;
        if self.pending.starts_with(b"\xEF\xBB\xBF") {
            skip = 3;
        }
        self.pending.drain(..skip);
        let header = &self.pending[..header_end.saturating_sub(skip).min(self.pending.len())];
        self.reader = Some(ReaderBuilder::new().delimiter(delimiter(header)).build());
    }

    fn read(&mut self, mut input: &[u8], each: &mut dyn FnMut(Record)) {
        let Some(reader) = self.reader.as_mut() else {
            return;
        };
        loop {
            let (result, read, written, ended) = reader.read_record(
                input,
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            input = &input[read..];
            self.out_len += written;
            self.ends_len += ended;
            match result {
                ReadRecordResult::InputEmpty | ReadRecordResult::End => return,
                ReadRecordResult::OutputFull => {
                    if self.out.len() >= MAX_RECORD {
                        // Keep reading the record, but not its contents.
                        self.too_long = true;
                        self.out_len = 0;
                        self.ends_len = 0;
                    } else {
                        self.out.resize(self.out.len() * 2, 0);
                    }
                }
                ReadRecordResult::OutputEndsFull => {
                    if self.ends.len() >= MAX_RECORD / 8 {
                        self.too_long = true;
                        self.ends_len = 0;
                    } else {
                        self.ends.resize(self.ends.len() * 2, 0);
                    }
                }
                ReadRecordResult::Record => {
                    let record = (!self.too_long)
                        .then(|| fields(&self.out[..self.out_len], &self.ends[..self.ends_len]));
                    self.out_len = 0;
                    self.ends_len = 0;
                    self.too_long = false;
                    each(record);
                }
            }
        }
    }
}

/// A record's fields from csv-core's output and field ends.
fn fields(out: &[u8], ends: &[usize]) -> Vec<String> {
    let mut start = 0;
    ends.iter()
        .map(|&end| {
            let field = String::from_utf8_lossy(&out[start..end]).into_owned();
            start = end;
            field
        })
        .collect()
}
