import { KEY_ID_PATTERN, findImage } from "../model/catalogue";
import { requireStatus } from "../model/guards";
import { planFrom } from "../model/lifecycle";
import { checkInstanceName, checkNicName, checkPassword } from "../model/rules";
import { apiError } from "../protocol/errors";
import { invalid, optString, reqString } from "../protocol/params";
import { requireInstance, type ActionHandler } from "./context";

/**
 * ResetInstance: reinstalls a STOPPED instance (STOPPED → REBUILDING → RUNNING), optionally with
 * another image and login, another name (`instanceName`, 2026-04-01) and other network interface
 * names (`wanName`, `lanName`). Without `password` or `keyId` the current login method is kept
 * (Zenlayer mails a random password in that case). `initScript` runs inside the guest, which the
 * simulator does not have: nothing an answer shows depends on it.
 */
export const ResetInstance: ActionHandler = (params, ctx) => {
  const live = requireInstance(ctx, reqString(params, "instanceId"));
  const { record } = live;
  const imageId = optString(params, "imageId") ?? record.imageId;
  const image = findImage(imageId);
  if (!image || !image.zoneIds.includes(record.zoneId)) {
    throw apiError("INVALID_IMAGE_NOT_FOUND", `The image \`${imageId}\` is not found in ${record.zoneId}.`);
  }
  const password = optString(params, "password", 1000);
  const keyId = optString(params, "keyId");
  if (password !== undefined && keyId !== undefined) throw invalid("password", "and `keyId` are exclusive: pass at most one");
  if (password !== undefined) checkPassword(password);
  if (keyId !== undefined && !KEY_ID_PATTERN.test(keyId)) throw invalid("keyId", "must look like `key-` followed by 8 letters or digits");
  const nextKey = password !== undefined ? null : keyId ?? record.keyId;
  if (nextKey !== null && image.osType === "windows") throw invalid("keyId", "cannot be used with a Windows image (SSH key pairs are Linux-only)");
  const instanceName = optString(params, "instanceName", 1000);
  if (instanceName !== undefined) checkInstanceName(instanceName);
  const wanName = optString(params, "wanName") ?? record.nic.wanName;
  const lanName = optString(params, "lanName") ?? record.nic.lanName;
  checkNicName(wanName, "wanName");
  checkNicName(lanName, "lanName");
  if (wanName === lanName) throw invalid("lanName", `must differ from wanName (both are \`${wanName}\`)`);
  if (record.systemDisk.diskSize < image.imageSize) {
    throw invalid("imageId", `needs a system disk of at least ${image.imageSize} GB (the instance has ${record.systemDisk.diskSize} GB)`);
  }
  requireStatus(live, ["STOPPED"], "ResetInstance");
  record.imageId = imageId;
  record.keyId = nextKey;
  if (instanceName !== undefined) record.instanceName = instanceName;
  record.nic = { wanName, lanName };
  record.timeline = planFrom("REBUILDING", ctx.now, ctx.durations);
  ctx.store.put(record, ctx.now);
  return {};
};
