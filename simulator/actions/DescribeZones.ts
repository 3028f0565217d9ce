import { ZONES } from "../model/catalogue";
import { optStringArray } from "../protocol/params";
import type { ActionHandler } from "./context";

/** DescribeZones: the catalogue's zones and their capabilities, optionally only those in `zoneIds`. */
export const DescribeZones: ActionHandler = (params) => {
  const ids = optStringArray(params, "zoneIds", 100);
  const zones = ZONES.filter((z) => !ids || ids.includes(z.zoneId));
  return {
    zoneSet: zones.map(({ regionId: _region, zoneIndex: _index, ...zone }) => zone),
  };
};
