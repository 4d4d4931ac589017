using Bunit;
using ProductBrowser.Components.Lookup;

namespace ProductBrowser.Tests.Components;

public sealed class CameraScannerTests : BunitContext
{
    private const string ModulePath = "./Components/Lookup/CameraScanner.razor.js";

    public CameraScannerTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    [Fact]
    public void ButtonIsInertAndPanelClosedUntilTheScriptTakesThemOver()
    {
        var scanner = Render<CameraScanner>(ps => ps.Add(c => c.TargetId, "scan-input"));

        var button = scanner.Find("[data-camera=open]");
        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.True(scanner.Find("[data-camera=panel]").HasAttribute("hidden"));
    }

    [Fact]
    public void ScriptIsToldWhichInputReceivesTheCodes()
    {
        var module = JSInterop.SetupModule(ModulePath);

        Render<CameraScanner>(ps => ps.Add(c => c.TargetId, "scan-input"));

        var attach = Assert.Single(module.Invocations, i => i.Identifier == "attach");
        Assert.Equal("scan-input", attach.Arguments[1]);
    }
}
