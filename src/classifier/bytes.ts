// Little-endian byte writing and reading for the stored model, with varints and a CRC-32. The
// reader never reads past the end: a short or damaged blob becomes a `ModelFormatError`.

/** A stored model that cannot be read: wrong kind of data, unsupported version, or damaged. */
export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (the zlib/PNG polynomial) of a byte range. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Appends values to a growing buffer. */
export class ByteWriter {
  private bytes = new Uint8Array(1 << 16);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private room(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + more));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  raw(data: Uint8Array): void {
    this.room(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  u8(value: number): void {
    this.room(1);
    this.view.setUint8(this.length++, value);
  }

  u16(value: number): void {
    this.room(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
  }

  i16(value: number): void {
    this.room(2);
    this.view.setInt16(this.length, value, true);
    this.length += 2;
  }

  u32(value: number): void {
    this.room(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  f64(value: number): void {
    this.room(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  /** An unsigned integer in 7-bit groups, low group first. */
  varint(value: number): void {
    while (value >= 0x80) {
      this.u8((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    this.u8(value);
  }

  /** A copy of what was written. */
  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Reads values in order from bytes, failing with `ModelFormatError` when they run out. */
export class ByteReader {
  private readonly view: DataView;
  offset = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(size: number): number {
    if (this.offset + size > this.bytes.length) throw new ModelFormatError('The stored model is truncated.');
    const at = this.offset;
    this.offset += size;
    return at;
  }

  raw(size: number): Uint8Array {
    const at = this.need(size);
    return this.bytes.subarray(at, at + size);
  }

  u8 = (): number => this.view.getUint8(this.need(1));
  u16 = (): number => this.view.getUint16(this.need(2), true);
  i16 = (): number => this.view.getInt16(this.need(2), true);
  u32 = (): number => this.view.getUint32(this.need(4), true);
  f64 = (): number => this.view.getFloat64(this.need(8), true);

  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.u8();
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new ModelFormatError('The stored model has a malformed number.');
  }
}
