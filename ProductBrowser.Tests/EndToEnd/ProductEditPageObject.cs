using Microsoft.Playwright;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>The product edit form, in the words a user would use.</summary>
public sealed class ProductEditPageObject(IPage page)
{
    public ILocator Name => page.Locator("#edit-name");

    public ILocator Brand => page.Locator("#edit-brand");

    public ILocator Bin => page.Locator("#edit-bin");

    public ILocator Weight => page.Locator("#edit-weight");

    public ILocator Form => page.Locator("[data-testid=edit-form]");

    public ILocator DraftRestoredNotice => page.Locator("[data-testid=edit-draft-restored]");

    public ILocator ReconnectDialog => page.Locator("#components-reconnect-modal");

    /// <summary>Types like a user, field by field; the last field keeps the focus (nothing blurred it).</summary>
    public async Task TypeAsync(ILocator field, string text)
    {
        await field.ClickAsync();
        await field.PressAsync("Control+A");
        await field.PressSequentiallyAsync(text);
    }

    /// <summary>Waits until the server has every keystroke: the form says its draft is kept.</summary>
    public Task WaitUntilInputKeptAsync() => Assertions.Expect(Form).ToHaveAttributeAsync("data-draft", "kept");
}
