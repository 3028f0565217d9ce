import { findSubnet, findZone } from "./catalogue";
import { randomInt } from "node:crypto";

// Public addresses come from the documentation ranges (RFC 5737), so nothing real is ever named.
const PUBLIC_PREFIXES = ["203.0.113", "198.51.100", "192.0.2"];

/** A free private address: in the subnet's /16 when one is given, else in the zone's 10.<n>.0.0/16. */
export function allocatePrivateIp(zoneId: string, subnetId: string | null, taken: ReadonlySet<string>): string {
  const cidr = subnetId ? findSubnet(subnetId)?.cidrBlock : undefined;
  const prefix = cidr ? cidr.split(".").slice(0, 2).join(".") : `10.${100 + (findZone(zoneId)?.zoneIndex ?? 0)}`;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const candidate = `${prefix}.${randomInt(0, 256)}.${randomInt(2, 255)}`;
    if (!taken.has(candidate)) return candidate;
  }
  return `${prefix}.${randomInt(0, 256)}.${randomInt(2, 255)}`;
}

/** A free public address from the documentation ranges (762 of them; reused only if all are taken). */
export function allocatePublicIp(taken: ReadonlySet<string>): string {
  for (let attempt = 0; attempt < 2000; attempt++) {
    const prefix = PUBLIC_PREFIXES[randomInt(PUBLIC_PREFIXES.length)] ?? "203.0.113";
    const candidate = `${prefix}.${randomInt(1, 255)}`;
    if (!taken.has(candidate)) return candidate;
  }
  return `203.0.113.${randomInt(1, 255)}`;
}
