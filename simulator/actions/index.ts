import type { ActionHandler } from "./context";
import { CreateInstances } from "./CreateInstances";
import { DescribeImages } from "./DescribeImages";
import { DescribeInstanceInternetStatus } from "./DescribeInstanceInternetStatus";
import { DescribeInstances } from "./DescribeInstances";
import { DescribeInstancesStatus } from "./DescribeInstancesStatus";
import { DescribeZoneInstanceConfigInfos } from "./DescribeZoneInstanceConfigInfos";
import { DescribeZones } from "./DescribeZones";
import { InquiryPriceCreateInstance } from "./InquiryPriceCreateInstance";
import { InquiryPriceInstanceBandwidth } from "./InquiryPriceInstanceBandwidth";
import { InquiryPriceInstanceTrafficPackage } from "./InquiryPriceInstanceTrafficPackage";
import { ModifyInstanceBandwidth } from "./ModifyInstanceBandwidth";
import { ModifyInstancesAttribute } from "./ModifyInstancesAttribute";
import { ModifyInstancesResourceGroup } from "./ModifyInstancesResourceGroup";
import { RebootInstances } from "./RebootInstances";
import { ReleaseInstances } from "./ReleaseInstances";
import { ResetInstance } from "./ResetInstance";
import { ResetInstancesPassword } from "./ResetInstancesPassword";
import { StartInstances } from "./StartInstances";
import { StopInstances } from "./StopInstances";
import { TerminateInstance } from "./TerminateInstance";

/** Every supported action, by the name sent in `X-ZC-Action` (dispatch as in dynalite). */
export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  CreateInstances,
  DescribeInstances,
  DescribeInstancesStatus,
  ModifyInstancesAttribute,
  ModifyInstancesResourceGroup,
  ModifyInstanceBandwidth,
  DescribeInstanceInternetStatus,
  ResetInstancesPassword,
  StartInstances,
  StopInstances,
  RebootInstances,
  ResetInstance,
  TerminateInstance,
  ReleaseInstances,
  DescribeZones,
  DescribeZoneInstanceConfigInfos,
  DescribeImages,
  InquiryPriceCreateInstance,
  InquiryPriceInstanceBandwidth,
  InquiryPriceInstanceTrafficPackage,
};

/** The supported action names. */
export const ACTION_NAMES: readonly string[] = Object.keys(ACTIONS);

/** The handler of `action`, or undefined. Own properties only, so `toString` is not an action. */
export function findAction(action: string): ActionHandler | undefined {
  return Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
}
