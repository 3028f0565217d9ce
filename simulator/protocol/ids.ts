import { randomInt, randomUUID } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `length` random letters and digits. */
export function randomAlphanumeric(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** A request id shaped like Zenlayer's examples: `T` + an upper-case UUID. */
export function newRequestId(): string {
  return `T${randomUUID().toUpperCase()}`;
}

/** A new instance id, `ins-` + 20 letters and digits. */
export function newInstanceId(): string {
  return `ins-${randomAlphanumeric(20)}`;
}

/** A new disk id, `disk-` + 20 letters and digits. */
export function newDiskId(): string {
  return `disk-${randomAlphanumeric(20)}`;
}

/** A new order number (digits only, as in Zenlayer's response examples). */
export function newOrderNumber(): string {
  return `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, "0")}${String(randomInt(0, 1e6)).padStart(6, "0")}`;
}
