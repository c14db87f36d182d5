//! The records inside a backup's rows chunks: a table's start (its name and typed columns),
//! its rows, and its end (its row count). A table's rows may run on over several chunks, but a
//! record never splits. All numbers are big-endian.

use strongroom_store::{Cell, Column, ColumnType};
use uuid::Uuid;

const RECORD_TABLE: u8 = b'T';
const RECORD_ROW: u8 = b'R';
const RECORD_END: u8 = b'E';

pub(super) fn encode_table(out: &mut Vec<u8>, name: &str, columns: &[Column]) {
    out.push(RECORD_TABLE);
    put_short(out, name.as_bytes());
    out.extend_from_slice(&(columns.len() as u16).to_be_bytes());
    for column in columns {
        put_short(out, column.name.as_bytes());
        out.push(column.kind.code());
    }
}

pub(super) fn encode_row(out: &mut Vec<u8>, cells: &[Cell]) {
    out.push(RECORD_ROW);
    for cell in cells {
        match cell {
            Cell::Null => out.push(0),
            Cell::Int(value) => {
                out.push(ColumnType::Int.code());
                out.extend_from_slice(&value.to_be_bytes());
            }
            Cell::Bool(value) => {
                out.push(ColumnType::Bool.code());
                out.push(u8::from(*value));
            }
            Cell::Text(text) => {
                out.push(ColumnType::Text.code());
                put_long(out, text.as_bytes());
            }
            Cell::Bytes(bytes) => {
                out.push(ColumnType::Bytes.code());
                put_long(out, bytes);
            }
            Cell::Uuid(id) => {
                out.push(ColumnType::Uuid.code());
                out.extend_from_slice(id.as_bytes());
            }
        }
    }
}

pub(super) fn encode_end(out: &mut Vec<u8>, rows: u64) {
    out.push(RECORD_END);
    out.extend_from_slice(&rows.to_be_bytes());
}

fn put_short(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len().min(u16::MAX as usize) as u16).to_be_bytes());
    out.extend_from_slice(&bytes[..bytes.len().min(u16::MAX as usize)]);
}

fn put_long(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// One record of the rows stream.
#[derive(Debug, PartialEq)]
pub(crate) enum Record {
    Table { name: String, columns: Vec<Column> },
    Row(Vec<Cell>),
    End { rows: u64 },
}

/// Reads records out of a chunk's decompressed rows; `columns` is the current table's (a
/// table's rows may continue from an earlier chunk).
///
/// With `keep_rows` false, each row's cells are checked (their types and lengths: what framing
/// needs) and skipped, and its `Record::Row` is empty: counting without building values.
pub(crate) fn decode_records(
    mut bytes: &[u8],
    columns: &mut Vec<Column>,
    keep_rows: bool,
    each: &mut dyn FnMut(Record) -> Result<(), String>,
) -> Result<(), String> {
    while let Some((&kind, rest)) = bytes.split_first() {
        bytes = rest;
        match kind {
            RECORD_TABLE => {
                let name = take_text(&mut bytes, 2)?;
                let count = take_u16(&mut bytes)?;
                let mut read = Vec::with_capacity(count as usize);
                for _ in 0..count {
                    let name = take_text(&mut bytes, 2)?;
                    let code = take(&mut bytes, 1)?[0];
                    let kind = ColumnType::from_code(code).ok_or_else(|| format!("a column of {name} has an unknown type {code}"))?;
                    read.push(Column { name, kind });
                }
                *columns = read.clone();
                each(Record::Table { name, columns: read })?;
            }
            RECORD_ROW => {
                if columns.is_empty() {
                    return Err("a row comes before any table".into());
                }
                if keep_rows {
                    each(Record::Row(read_row(&mut bytes, columns)?))?;
                } else {
                    skip_row(&mut bytes, columns)?;
                    each(Record::Row(Vec::new()))?;
                }
            }
            RECORD_END => {
                let rows = u64::from_be_bytes(take(&mut bytes, 8)?.try_into().map_err(|_| "short")?);
                columns.clear();
                each(Record::End { rows })?;
            }
            other => return Err(format!("an unknown record kind {other}")),
        }
    }
    Ok(())
}

/// One row's cells, read into values.
fn read_row(bytes: &mut &[u8], columns: &[Column]) -> Result<Vec<Cell>, String> {
    let mut cells = Vec::with_capacity(columns.len());
    for column in columns {
        let code = take(bytes, 1)?[0];
        let cell = match code {
            0 => Cell::Null,
            _ if code != column.kind.code() => return Err(format!("a value of {} has the wrong type", column.name)),
            _ => match column.kind {
                ColumnType::Int => Cell::Int(i64::from_be_bytes(take(bytes, 8)?.try_into().map_err(|_| "short")?)),
                ColumnType::Bool => Cell::Bool(take(bytes, 1)?[0] != 0),
                ColumnType::Text => Cell::Text(take_text(bytes, 4)?),
                ColumnType::Bytes => {
                    let n = take_u32(bytes)? as usize;
                    Cell::Bytes(take(bytes, n)?.to_vec())
                }
                ColumnType::Uuid => Cell::Uuid(Uuid::from_slice(take(bytes, 16)?).map_err(|_| "short id")?),
            },
        };
        cells.push(cell);
    }
    Ok(cells)
}

/// One row's cells, checked (their types and lengths: what the framing needs) and skipped.
fn skip_row(bytes: &mut &[u8], columns: &[Column]) -> Result<(), String> {
    for column in columns {
        let code = take(bytes, 1)?[0];
        match code {
            0 => {}
            _ if code != column.kind.code() => return Err(format!("a value of {} has the wrong type", column.name)),
            _ => {
                let n = match column.kind {
                    ColumnType::Int => 8,
                    ColumnType::Bool => 1,
                    ColumnType::Uuid => 16,
                    ColumnType::Text | ColumnType::Bytes => take_u32(bytes)? as usize,
                };
                take(bytes, n)?;
            }
        }
    }
    Ok(())
}

fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Result<&'a [u8], String> {
    if bytes.len() < n {
        return Err("a record is cut short".into());
    }
    let (head, tail) = bytes.split_at(n);
    *bytes = tail;
    Ok(head)
}

fn take_u16(bytes: &mut &[u8]) -> Result<u16, String> {
    Ok(u16::from_be_bytes(take(bytes, 2)?.try_into().map_err(|_| "short")?))
}

fn take_u32(bytes: &mut &[u8]) -> Result<u32, String> {
    Ok(u32::from_be_bytes(take(bytes, 4)?.try_into().map_err(|_| "short")?))
}

fn take_text(bytes: &mut &[u8], width: usize) -> Result<String, String> {
    let n = if width == 2 { take_u16(bytes)? as usize } else { take_u32(bytes)? as usize };
    String::from_utf8(take(bytes, n)?.to_vec()).map_err(|_| "a text is not UTF-8".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cell() -> impl Strategy<Value = (ColumnType, Cell)> {
        prop_oneof![
            any::<i64>().prop_map(|v| (ColumnType::Int, Cell::Int(v))),
            any::<bool>().prop_map(|v| (ColumnType::Bool, Cell::Bool(v))),
            ".{0,40}".prop_map(|v| (ColumnType::Text, Cell::Text(v))),
            proptest::collection::vec(any::<u8>(), 0..80).prop_map(|v| (ColumnType::Bytes, Cell::Bytes(v))),
            any::<u128>().prop_map(|v| (ColumnType::Uuid, Cell::Uuid(Uuid::from_u128(v)))),
            Just((ColumnType::Text, Cell::Null)),
        ]
    }

    proptest! {
        #[test]
        fn records_round_trip(rows in proptest::collection::vec(proptest::collection::vec(cell(), 3), 0..20)) {
            let columns: Vec<Column> = (0..3).map(|i| Column { name: format!("c{i}"), kind: rows.first().map_or(ColumnType::Text, |row| row[i].0) }).collect();
            let rows: Vec<Vec<Cell>> = rows.into_iter().filter(|row| row.iter().zip(&columns).all(|((kind, cell), column)| *kind == column.kind || *cell == Cell::Null)).map(|row| row.into_iter().map(|(_, cell)| cell).collect()).collect();
            let mut encoded = Vec::new();
            encode_table(&mut encoded, "t", &columns);
            for row in &rows { encode_row(&mut encoded, row); }
            encode_end(&mut encoded, rows.len() as u64);
            let mut decoded = Vec::new();
            let mut current = Vec::new();
            decode_records(&encoded, &mut current, true, &mut |record| { decoded.push(record); Ok(()) }).unwrap();
            let mut counted = 0;
            decode_records(&encoded, &mut Vec::new(), false, &mut |record| { counted += usize::from(matches!(record, Record::Row(_))); Ok(()) }).unwrap();
            prop_assert_eq!(counted, rows.len());
            prop_assert_eq!(decoded.len(), rows.len() + 2);
            prop_assert_eq!(&decoded[0], &Record::Table { name: "t".into(), columns: columns.clone() });
            for (record, row) in decoded[1..].iter().zip(&rows) { prop_assert_eq!(record, &Record::Row(row.clone())); }
            prop_assert_eq!(decoded.last().unwrap(), &Record::End { rows: rows.len() as u64 });
        }

        #[test]
        fn no_bytes_make_the_record_reader_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut columns = vec![Column { name: "a".into(), kind: ColumnType::Bytes }];
            let _ = decode_records(&bytes, &mut columns.clone(), true, &mut |_| Ok(()));
            let _ = decode_records(&bytes, &mut columns, false, &mut |_| Ok(()));
        }
    }
}
