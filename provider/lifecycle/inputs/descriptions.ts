/**
 * What each input means, by property path (`systemDisk.diskSize`, `dataDisks[].diskName`): the
 * text a package schema, and so every generated SDK and the registry-style docs, shows for it.
 * Field names are CreateInstances' own, so Zenlayer's documentation carries over. Plain data: the
 * rules themselves live in inputs.ts and diff.ts.
 */
export const INPUT_DESCRIPTIONS: Readonly<Record<string, string>> = {
  zoneId: "Zone, e.g. `SEL-A`. Changing it replaces the instance.",
  instanceType: "Instance type, e.g. `c.1c2g`. Changed in place (ModifyInstanceType, waited until `Enable`).",
  imageId:
    "Image id (see `getImage`). Changed in place by a reinstall (stop, ResetInstance, start): the id, addresses and data " +
    "disks stay, the system disk is rewritten.",
  instanceName:
    "Name: at most 64 letters, digits, `-` and `.`. Default: the resource name plus 7 random characters. Changed in place.",
  password:
    "Login password: 8 to 16 characters with a lower-case letter, an upper-case letter, a digit and one of `!@#$%^&*~()-+=` or a backtick. " +
    "Exactly one of `password` and `keyId` (neither when adopting). Secret. Changed in place (ResetInstancesPassword).",
  keyId: "SSH key pair id instead of a password. Changed in place by a reinstall, as `imageId`.",
  instanceChargeType: "`POSTPAID` (default, pay as you go) or `PREPAID` (subscription). Changing it replaces the instance.",
  instanceChargePrepaid: "Subscription terms; required with `PREPAID`. Changing them replaces the instance.",
  "instanceChargePrepaid.period": "Subscription period in months.",
  internetChargeType:
    "Network billing: `ByBandwidth` (default), `ByTrafficPackage`, `ByInstanceBandwidth95`, `ByClusterBandwidth95` or " +
    "`BandwidthCluster`. Changing it replaces the instance.",
  internetMaxBandwidthOut: "Public bandwidth cap in Mbps (at least 1; the API's default is 1). Changed in place (ModifyInstanceBandwidth).",
  trafficPackageSize: "Traffic package in TB, with `ByTrafficPackage` only. Changed in place (ModifyInstanceTrafficPackage).",
  subnetId: "Subnet (the API's default when omitted). Changing it replaces the instance.",
  resourceGroupId: "Resource group (the account's default group when omitted). Changed in place (ModifyInstancesResourceGroup).",
  systemDisk: "System disk (the API's default when omitted). Changing it replaces the instance.",
  "systemDisk.diskSize": "Size in GB (at least the image's size).",
  "systemDisk.diskCategory": "Disk category, e.g. `Standard NVMe SSD` (the API's default when omitted).",
  dataDisks: "Data disks created with the instance and deleted with it. Changing them replaces the instance.",
  "dataDisks[].diskSize": "Size in GB.",
  "dataDisks[].diskCategory": "Disk category (the API's default when omitted).",
  "dataDisks[].diskName": "Disk name.",
  securityGroupId:
    "Security group (the API's default when omitted). Changed in place (AssociateSecurityGroupInstance, then " +
    "UnAssociateSecurityGroupInstance from the others).",
  tags:
    "Tags; keys and values of 1 to 64 characters. Changed in place (ModifyResourceTags in the Resource Manager). The key " +
    "`pulumi-owner` is reserved.",
  powerState:
    "`RUNNING` (default) or `STOPPED`. Changed in place (StartInstances / StopInstances); a start or stop outside Pulumi " +
    "shows in a refresh and the next update restores the declared state.",
  forceDelete:
    "On delete, also release the instance from Zenlayer's recycle bin (irreversible). Default false: a deleted instance waits " +
    "in the recycle bin, restorable for about 24 hours and no longer billed as running. Recorded without touching the instance.",
  timeouts: "How long create, update and delete may wait, as duration strings such as `\"90s\"`, `\"20m\"`, `\"1h30m\"`.",
  "timeouts.create": "Until the instance is RUNNING. Default `90m`.",
  "timeouts.update": "In-place changes, including a reinstall and waiting for bandwidth, type or traffic changes. Default `90m`.",
  "timeouts.delete": "Waiting out creating and installing states, the recycle bin and the release. Default `20m`.",
  adoptInstanceId:
    "Bring an existing instance under management instead of creating one. Immutable inputs must match the instance; name, " +
    "resource group, bandwidth and (when given) password are applied in place. With it, `password` and `keyId` may both be " +
    "omitted. Later changes to it do nothing.",
  __owner: "Set by the provider: `<project>/<stack>/<resource name>`, the value of the instance's `pulumi-owner` tag.",
  __resourceName: "Set by the provider: the resource name, the base of the generated instance name.",
};
