/**
 * Appending whole columns to a DuckDB table in chunks of 2048 rows. Numbers, booleans and ENUM
 * indexes are copied into the vectors as typed arrays in one call per column, and so are strings
 * given as UTF-8 bytes when they are short; other strings cross into DuckDB one by one. The
 * node-api's own per-value setters cost more than DuckDB's append itself at forty million figures,
 * so the fixed-width columns bypass them.
 */
import bindings from '@duckdb/node-bindings';
import { DuckDBDataChunk, DuckDBEnumType, DuckDBTypeId, type DuckDBAppender, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/**
 * One column's values, in row order: numbers for INTEGER and DOUBLE, days since the epoch for DATE,
 * microseconds for TIMESTAMP, booleans for BOOLEAN, the value's index for an ENUM (its position in
 * ENUM_TYPES), strings for VARCHAR, and for any other type what the node-api accepts. null is NULL.
 */
export type Column = readonly unknown[] | TypedColumn | Utf8Column;

/** A fixed-width column already in the vector's layout, with a byte per row saying which are not NULL. */
export interface TypedColumn {
  typed: Int32Array | Float64Array | Uint8Array | Uint16Array;
  /** 0 = NULL; absent = none is */
  valid?: Uint8Array;
}

/** A VARCHAR column already encoded: value i is the UTF-8 bytes utf8[start[i], end[i]). */
export interface Utf8Column {
  utf8: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** 0 = NULL; absent = none is */
  valid?: Uint8Array;
}

export const isTyped = (c: Column): c is TypedColumn => 'typed' in c;
export const isUtf8 = (c: Column): c is Utf8Column => 'utf8' in c;
const lengthOf = (c: Column) => (isTyped(c) ? c.typed.length : isUtf8(c) ? c.start.length : c.length);

const VECTOR_SIZE = bindings.vector_size();

/** The columns appended to `table` as its rows, in the table's column order. */
export async function append(db: DuckDBConnection, table: string, columns: Column[], rowCount: number): Promise<void> {
  const appender = await db.createAppender(table);
  appendColumns(appender, columns, rowCount);
  appender.closeSync();
}

function appendColumns(appender: DuckDBAppender, columns: readonly Column[], rowCount: number): void {
  const types = Array.from({ length: appender.columnCount }, (_, i) => appender.columnType(i));
  if (columns.length !== types.length) throw new Error(`${columns.length} columns given for a table of ${types.length}`);
  for (const [i, c] of columns.entries()) {
    if (lengthOf(c) !== rowCount) throw new Error(`column ${i} has ${lengthOf(c)} values for ${rowCount} rows`);
  }
  const chunk = reusableChunk(types);
  for (let offset = 0; offset < rowCount; offset += VECTOR_SIZE) {
    const n = Math.min(VECTOR_SIZE, rowCount - offset);
    chunk.reset();
    chunk.rowCount = n;
    for (let c = 0; c < types.length; c++) fillColumn(chunk, c, types[c], columns[c], offset, n);
    appender.appendDataChunk(chunk);
  }
}

/**
 * One chunk per column layout, reused: a chunk's memory is native and freed only when V8 collects
 * its small JS wrapper, which it has no reason to hurry.
 */
const chunks = new Map<string, DuckDBDataChunk>();

function reusableChunk(types: DuckDBType[]): DuckDBDataChunk {
  const key = types.map((t) => t.toString()).join('\u0000');
  let chunk = chunks.get(key);
  if (!chunk) {
    chunk = DuckDBDataChunk.create(types);
    chunks.set(key, chunk);
  }
  return chunk;
}

type Typed = Int32Array | Float64Array | Uint8Array | Uint16Array | BigInt64Array;

function fillColumn(chunk: DuckDBDataChunk, index: number, type: DuckDBType, values: Column, offset: number, n: number): void {
  if (isUtf8(values)) {
    if (type.typeId !== DuckDBTypeId.VARCHAR) throw new Error(`column ${index}: UTF-8 bytes given for ${type.toString()}`);
    copyUtf8(bindings.data_chunk_get_vector(chunk.chunk, index), values, offset, n);
    return;
  }
  const make = fixedWidth(type, n);
  if (isTyped(values)) {
    if (!make || make.data.constructor !== values.typed.constructor) throw new Error(`column ${index}: ${values.typed.constructor.name} given for ${type.toString()}`);
    copyTyped(bindings.data_chunk_get_vector(chunk.chunk, index), values, offset, n);
    return;
  }
  if (!make && type.typeId !== DuckDBTypeId.VARCHAR) {
    chunk.setColumnValues(index, values.slice(offset, offset + n) as DuckDBValue[]);
    return;
  }
  const vector = bindings.data_chunk_get_vector(chunk.chunk, index);
  let validity: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const v = values[offset + i];
    if (v === null || v === undefined) {
      validity ??= new Uint8Array(Math.ceil(n / 64) * 8).fill(0xff);
      validity[i >> 3] &= ~(1 << (i & 7));
    } else if (!make) {
      const s = v as string;
      // The plain setter takes a C string, which would end at a NUL.
      if (s.includes('\0')) bindings.vector_assign_string_element_len(vector, i, Buffer.from(s));
      else bindings.vector_assign_string_element(vector, i, s);
    } else if (make.data instanceof BigInt64Array) {
      make.data[i] = BigInt(v as number);
    } else {
      make.data[i] = typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
    }
  }
  if (make) bindings.copy_data_to_vector(vector, 0, make.data.buffer as ArrayBuffer, make.data.byteOffset, make.data.byteLength);
  if (validity) {
    bindings.vector_ensure_validity_writable(vector);
    bindings.copy_data_to_vector_validity(vector, 0, validity.buffer as ArrayBuffer, 0, validity.byteLength);
  }
}

function copyTyped(vector: bindings.Vector, column: TypedColumn, offset: number, n: number): void {
  const { typed, valid } = column;
  const width = typed.BYTES_PER_ELEMENT;
  bindings.copy_data_to_vector(vector, 0, typed.buffer as ArrayBuffer, typed.byteOffset + offset * width, n * width);
  if (valid) copyValidity(vector, valid, offset, n);
}

function copyValidity(vector: bindings.Vector, valid: Uint8Array, offset: number, n: number): void {
  let mask: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (valid[offset + i]) continue;
    mask ??= new Uint8Array(Math.ceil(n / 64) * 8).fill(0xff);
    mask[i >> 3] &= ~(1 << (i & 7));
  }
  if (mask) {
    bindings.vector_ensure_validity_writable(vector);
    bindings.copy_data_to_vector_validity(vector, 0, mask.buffer as ArrayBuffer, 0, mask.byteLength);
  }
}

/**
 * A VARCHAR vector holds a 16-byte duckdb_string_t per row (duckdb.h; the node-api reads them the
 * same way): the length (uint32), then a string of up to 12 bytes inline, zero padded, or else a
 * prefix and a pointer into the vector's own heap, which only DuckDB can fill.
 */
const STRING_T = 16;
const INLINED = 12;

/** The short values written in the inline layout with one copy, the long ones assigned one by one. */
function copyUtf8(vector: bindings.Vector, column: Utf8Column, offset: number, n: number): void {
  const { utf8, start, end, valid } = column;
  const records = new Uint8Array(n * STRING_T);
  const view = new DataView(records.buffer);
  const long: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = offset + i;
    if (valid && !valid[row]) continue;
    const from = start[row];
    const length = end[row] - from;
    if (length > INLINED) {
      long.push(i);
      continue;
    }
    view.setUint32(i * STRING_T, length, true);
    for (let k = 0; k < length; k++) records[i * STRING_T + 4 + k] = utf8[from + k];
  }
  bindings.copy_data_to_vector(vector, 0, records.buffer, 0, records.byteLength);
  for (const i of long) bindings.vector_assign_string_element_len(vector, i, utf8.subarray(start[offset + i], end[offset + i]));
  if (valid) copyValidity(vector, valid, offset, n);
}

function fixedWidth(type: DuckDBType, n: number): { data: Typed } | null {
  switch (type.typeId) {
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.DATE:
      return { data: new Int32Array(n) };
    case DuckDBTypeId.TIMESTAMP:
      return { data: new BigInt64Array(n) };
    case DuckDBTypeId.DOUBLE:
      return { data: new Float64Array(n) };
    case DuckDBTypeId.BOOLEAN:
      return { data: new Uint8Array(n) };
    case DuckDBTypeId.ENUM: {
      const internal = (type as DuckDBEnumType).internalTypeId;
      if (internal === DuckDBTypeId.UTINYINT) return { data: new Uint8Array(n) };
      if (internal === DuckDBTypeId.USMALLINT) return { data: new Uint16Array(n) };
      throw new Error(`ENUM ${type.toString()} has more values than the writer stores`);
    }
    default:
      return null;
  }
}
