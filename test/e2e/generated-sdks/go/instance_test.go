// Runs a Go program written against the generated Go SDK under the Pulumi Go SDK's mocks: the
// generated resource and function code registers what the engine would receive, and the mocks
// record it. The module's go.mod points the SDK's module path at the freshly generated folder.
package zenlayersdk_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/zenlayer-vm/pulumi-zenlayer-vm/sdk/go/zenlayer"
	zenlayerconfig "github.com/zenlayer-vm/pulumi-zenlayer-vm/sdk/go/zenlayer/config"
)

const (
	vmPassword   = "Go-Sdk-Pw1!"
	mockImageID  = "img-ubuntu-2204"
	mockInstance = "ins-go-mock"
)

// recorder answers like the engine would and keeps every registration and invoke it saw.
type recorder struct {
	mu        sync.Mutex
	resources []pulumi.MockResourceArgs
	calls     []pulumi.MockCallArgs
}

func (r *recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.resources = append(r.resources, args)
	outputs := args.Inputs.Copy()
	outputs["instanceId"] = resource.NewStringProperty(mockInstance)
	outputs["instanceStatus"] = resource.NewStringProperty("RUNNING")
	outputs["publicIpAddresses"] = resource.NewArrayProperty([]resource.PropertyValue{resource.NewStringProperty("203.0.113.10")})
	return mockInstance, outputs, nil
}

func (r *recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, args)
	return resource.PropertyMap{
		"imageId":   resource.NewStringProperty(mockImageID),
		"imageName": resource.NewStringProperty("Ubuntu 22.04 LTS"),
	}, nil
}

func TestInstanceRegistersItsInputsWithThePasswordSecret(t *testing.T) {
	mocks := &recorder{}
	var status, firstIP string
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		image := zenlayer.GetImageOutput(ctx, zenlayer.GetImageOutputArgs{
			ZoneId: pulumi.String("HKG-A"), NameRegex: pulumi.String("^ubuntu 22"),
		})
		vm, err := zenlayer.NewInstance(ctx, "web", &zenlayer.InstanceArgs{
			ZoneId:                  pulumi.String("HKG-A"),
			InstanceType:            pulumi.String("c.1c2g"),
			ImageId:                 image.ImageId(),
			Password:                pulumi.String(vmPassword),
			InternetMaxBandwidthOut: pulumi.Int(2),
			Tags:                    pulumi.StringMap{"app": pulumi.String("web")},
			DataDisks:               zenlayer.DataDiskArray{zenlayer.DataDiskArgs{DiskSize: pulumi.Int(40)}},
		})
		if err != nil {
			return err
		}
		vm.InstanceStatus.ApplyT(func(s string) string { status = s; return s })
		vm.PublicIpAddresses.Index(pulumi.Int(0)).ApplyT(func(ip string) string { firstIP = ip; return ip })
		return nil
	}, pulumi.WithMocks("zenlayer-go", "test", mocks))
	if err != nil {
		t.Fatalf("the program failed: %v", err)
	}

	if len(mocks.calls) != 1 || mocks.calls[0].Token != "zenlayer:index:getImage" {
		t.Fatalf("want one zenlayer:index:getImage invoke, got %+v", mocks.calls)
	}
	if got := mocks.calls[0].Args["zoneId"]; !got.IsString() || got.StringValue() != "HKG-A" {
		t.Errorf("getImage zoneId = %v, want HKG-A", got)
	}

	if len(mocks.resources) != 1 {
		t.Fatalf("want one registered resource, got %d", len(mocks.resources))
	}
	vm := mocks.resources[0]
	if vm.TypeToken != "zenlayer:index:Instance" || vm.Name != "web" {
		t.Errorf("registered %s %q, want zenlayer:index:Instance \"web\"", vm.TypeToken, vm.Name)
	}
	if vm.RegisterRPC.GetVersion() != "0.1.0" {
		t.Errorf("the resource asks for plugin version %q, want the schema's 0.1.0", vm.RegisterRPC.GetVersion())
	}
	in := vm.Inputs
	for key, want := range map[string]string{"zoneId": "HKG-A", "instanceType": "c.1c2g", "imageId": mockImageID} {
		if got := in[resource.PropertyKey(key)]; !got.IsString() || got.StringValue() != want {
			t.Errorf("input %s = %v, want %q", key, got, want)
		}
	}
	if got := in["internetMaxBandwidthOut"]; !got.IsNumber() || got.NumberValue() != 2 {
		t.Errorf("input internetMaxBandwidthOut = %v, want 2", got)
	}
	if got := in["tags"]; !got.IsObject() || got.ObjectValue()["app"].StringValue() != "web" {
		t.Errorf("input tags = %v, want {app: web}", got)
	}
	disks := in["dataDisks"]
	if !disks.IsArray() || len(disks.ArrayValue()) != 1 || disks.ArrayValue()[0].ObjectValue()["diskSize"].NumberValue() != 40 {
		t.Errorf("input dataDisks = %v, want [{diskSize: 40}]", disks)
	}
	password := in["password"]
	if !password.IsSecret() {
		t.Fatalf("input password is not marked secret: %v", password)
	}
	if got := password.SecretValue().Element; got.StringValue() != vmPassword {
		t.Errorf("the secret holds %v, want the password given", got)
	}
	if additional := vm.RegisterRPC.GetAdditionalSecretOutputs(); len(additional) != 1 || additional[0] != "password" {
		t.Errorf("additional secret outputs = %v, want [password]", additional)
	}

	if status != "RUNNING" || firstIP != "203.0.113.10" {
		t.Errorf("outputs read back as status %q, first IP %q", status, firstIP)
	}
}

func TestInstanceRefusesAMissingRequiredInput(t *testing.T) {
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := zenlayer.NewInstance(ctx, "web", &zenlayer.InstanceArgs{
			ZoneId: pulumi.String("HKG-A"), InstanceType: pulumi.String("c.1c2g"),
		})
		return err
	}, pulumi.WithMocks("zenlayer-go", "test", &recorder{}))
	if err == nil || !strings.Contains(err.Error(), "ImageId") {
		t.Fatalf("want an error naming ImageId, got %v", err)
	}
}

func TestConfigGettersReadTheProvidersKeys(t *testing.T) {
	t.Setenv("PULUMI_CONFIG", `{"zenlayer:domain":"127.0.0.1:8787","zenlayer:pollIntervalMs":"200","zenlayer:showPrices":"false"}`)
	var domain string
	var pollMs int
	showPrices := true
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		domain = zenlayerconfig.GetDomain(ctx)
		pollMs = zenlayerconfig.GetPollIntervalMs(ctx)
		showPrices = zenlayerconfig.GetShowPrices(ctx)
		return nil
	}, pulumi.WithMocks("zenlayer-go", "test", &recorder{}))
	if err != nil {
		t.Fatalf("the program failed: %v", err)
	}
	if domain != "127.0.0.1:8787" || pollMs != 200 || showPrices {
		t.Errorf("config read back as domain %q, pollIntervalMs %d, showPrices %v", domain, pollMs, showPrices)
	}
}
