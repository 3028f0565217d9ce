// Several VMs across zones; the image and the instance type of each zone are chosen through
// read-only lookups (DescribeImages, DescribeZoneInstanceConfigInfos) rather than hard-coded ids.
import * as pulumi from "@pulumi/pulumi";
import { Instance, getImage, getInstanceTypes, getZones } from "pulumi-zenlayer-vm";

const config = new pulumi.Config();
const password = config.requireSecret("vmPassword");
const perZone = config.getNumber("perZone") ?? 1;
const wantedZones = config.getObject<string[]>("zones");

async function planZone(zoneId: string) {
  const [type] = await getInstanceTypes({ zoneId, minCpuCount: 2 });
  if (!type) throw new Error(`no instance type with 2 CPUs in ${zoneId}`);
  const image = await getImage({ zoneId, nameRegex: config.get("imageNameRegex") ?? "^ubuntu" });
  return { zoneId, instanceType: type.instanceType, imageId: image.imageId };
}

export const fleet = (async () => {
  const zones = (await getZones(wantedZones ? { zoneIds: wantedZones } : {})).map((z) => z.zoneId);
  const plans = await Promise.all(zones.map(planZone));
  const vms = plans.flatMap((plan) =>
    Array.from({ length: perZone }, (_, i) =>
      new Instance(`${plan.zoneId.toLowerCase()}-${i}`, {
        ...plan,
        password,
        tags: { example: "fleet", zone: plan.zoneId },
      }),
    ),
  );
  return vms.map((vm) => ({ id: vm.instanceId, zone: vm.zoneId, type: vm.instanceType, ip: vm.publicIpAddresses }));
})();
