/**
 * The protobuf wire format, as much of it as appending a head to an ONNX graph needs:
 * split a message into its fields (kept as raw bytes, so everything this code does not
 * understand is written back untouched) and encode new fields. No dependency: ONNX files
 * are plain protobuf and the format is small.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

/** One field of a message: its number, wire type, and its whole encoding (tag included). */
export interface RawField {
  field: number;
  wire: number;
  /** The complete encoded field (tag + value), to write back as is. */
  raw: Uint8Array;
  /** For length-delimited fields: the payload (a sub-message, a string, bytes). */
  payload: Uint8Array | null;
  /** For varint fields: the value (safe below 2^53). */
  varint: number | null;
}

function readVarint(bytes: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0;
  let shift = 1;
  for (let i = pos; i < bytes.length; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * shift;
    if ((b & 0x80) === 0) return [value, i + 1];
    shift *= 128;
    if (i - pos > 9) break;
  }
  throw new Error(`malformed protobuf: varint at byte ${pos}`);
}

/** Splits a message into its fields, in order. Throws on malformed bytes. */
export function readFields(bytes: Uint8Array): RawField[] {
  const fields: RawField[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const start = pos;
    const [tag, afterTag] = readVarint(bytes, pos);
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    let payload: Uint8Array | null = null;
    let varint: number | null = null;
    switch (wire) {
      case WIRE_VARINT:
        [varint, pos] = readVarint(bytes, afterTag);
        break;
      case WIRE_FIXED64:
        pos = afterTag + 8;
        break;
      case WIRE_BYTES: {
        const [length, afterLength] = readVarint(bytes, afterTag);
        pos = afterLength + length;
        payload = bytes.subarray(afterLength, pos);
        break;
      }
      case WIRE_FIXED32:
        pos = afterTag + 4;
        break;
      default:
        throw new Error(`malformed protobuf: wire type ${wire} at byte ${start}`);
    }
    if (pos > bytes.length || field === 0) {
      throw new Error(`malformed protobuf: field at byte ${start} runs past the end`);
    }
    fields.push({ field, wire, raw: bytes.subarray(start, pos), payload, varint });
  }
  return fields;
}

/** Text of a length-delimited field. */
export function fieldText(field: RawField): string {
  return new TextDecoder().decode(field.payload ?? new Uint8Array());
}

function varintBytes(value: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`cannot encode varint ${value}`);
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/** Concatenates encoded pieces. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  const out = new Uint8Array(length);
  let pos = 0;
  for (const part of parts) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}

/** A varint field (int32, int64 and enums that are not negative). */
export function varintField(field: number, value: number): Uint8Array {
  return Uint8Array.from([...varintBytes(field * 8 + WIRE_VARINT), ...varintBytes(value)]);
}

/** A length-delimited field: bytes, a string, or an encoded sub-message. */
export function bytesField(field: number, value: Uint8Array | string): Uint8Array {
  const payload = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  return concat([
    Uint8Array.from([...varintBytes(field * 8 + WIRE_BYTES), ...varintBytes(payload.length)]),
    payload,
  ]);
}

/** A float field (fixed32, little-endian). */
export function floatField(field: number, value: number): Uint8Array {
  const out = new Uint8Array([...varintBytes(field * 8 + WIRE_FIXED32), 0, 0, 0, 0]);
  new DataView(out.buffer).setFloat32(out.length - 4, value, true);
  return out;
}

/** A sub-message made of already encoded fields. */
export function messageField(field: number, parts: readonly Uint8Array[]): Uint8Array {
  return bytesField(field, concat(parts));
}
