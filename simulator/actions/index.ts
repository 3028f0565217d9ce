import type { ActionHandler } from "./context";
import { CreateInstances } from "./CreateInstances";
import { AssociateSecurityGroupInstance, UnAssociateSecurityGroupInstance } from "./SecurityGroupInstance";
import { DescribeImages } from "./DescribeImages";
import { DescribeInstanceInternetStatus } from "./DescribeInstanceInternetStatus";
import { DescribeInstances } from "./DescribeInstances";
import { DescribeInstancesStatus } from "./DescribeInstancesStatus";
import { DescribeInstanceTypeStatus } from "./DescribeInstanceTypeStatus";
import { DescribeResourceTags } from "./DescribeResourceTags";
import { DescribeZoneInstanceConfigInfos } from "./DescribeZoneInstanceConfigInfos";
import { DescribeVncUrl } from "./DescribeVncUrl";
import { DescribeZones } from "./DescribeZones";
import { InquiryPriceCreateInstance } from "./InquiryPriceCreateInstance";
import { InquiryPriceInstanceBandwidth } from "./InquiryPriceInstanceBandwidth";
import { InquiryPriceInstanceTrafficPackage } from "./InquiryPriceInstanceTrafficPackage";
import { ModifyInstanceBandwidth } from "./ModifyInstanceBandwidth";
import { ModifyInstanceTrafficPackage } from "./ModifyInstanceTrafficPackage";
import { ModifyInstanceType } from "./ModifyInstanceType";
import { ModifyResourceTags } from "./ModifyResourceTags";
import { ModifyInstancesAttribute } from "./ModifyInstancesAttribute";
import { ModifyInstancesResourceGroup } from "./ModifyInstancesResourceGroup";
import { RebootInstances } from "./RebootInstances";
import { ReleaseInstances } from "./ReleaseInstances";
import { ResetInstance } from "./ResetInstance";
import { ResetInstancesPassword } from "./ResetInstancesPassword";
import { StartInstances } from "./StartInstances";
import { StopInstances } from "./StopInstances";
import { TerminateInstance } from "./TerminateInstance";

/**
 * Every supported VM API action, by the name sent in `X-ZC-Action` (dispatch as in dynalite). Which
 * of them each version has is written in facts/vm-versions.ts.
 */
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
  ModifyInstanceTrafficPackage,
  ModifyInstanceType,
  DescribeInstanceTypeStatus,
  AssociateSecurityGroupInstance,
  UnAssociateSecurityGroupInstance,
  InquiryPriceCreateInstance,
  InquiryPriceInstanceBandwidth,
  InquiryPriceInstanceTrafficPackage,
  DescribeVncUrl,
};

/** The Zenlayer Resource Manager (`zrm`) actions: tags of any resource, here of instances. */
export const ZRM_ACTIONS: Readonly<Record<string, ActionHandler>> = {
  ModifyResourceTags,
  DescribeResourceTags,
};

/** The supported VM API action names, of either version. */
export const ACTION_NAMES: readonly string[] = Object.keys(ACTIONS);
