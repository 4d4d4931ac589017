using Microsoft.Playwright;

namespace ProductBrowser.Tests.EndToEnd;

/// <summary>The product edit form, in the words a user would use.</summary>
public sealed class ProductEditPageObject(IPage page)
{
    public ILocator Name => page.Locator("#edit-name");

    public ILocator Brand => page.Locator("#edit-brand");

    public ILocator Bin => page.Locator("#edit-bin");

    public ILocator Weight => page.Locator("#edit-weight");

    public ILocator DraftRestoredNotice => page.Locator("[data-testid=edit-draft-restored]");

    public ILocator ReconnectDialog => page.Locator("#components-reconnect-modal");

    /// <summary>Types like a user, field by field; the last field keeps the focus (nothing blurred it).</summary>
    public async Task TypeAsync(ILocator field, string text)
    {
        await field.ClickAsync();
        await field.PressAsync("Control+A");
        await field.PressSequentiallyAsync(text);
    }

    /// <summary>Waits until the tab's draft of this form (sessionStorage) holds <paramref name="value"/> for the field.</summary>
    public async Task WaitUntilDraftHoldsAsync(ILocator field, string value)
    {
        var id = await field.GetAttributeAsync("id");
        await page.WaitForFunctionAsync(
            """
            ([id, value]) => Object.keys(sessionStorage)
              .filter(key => key.startsWith("productbrowser.edit-draft:"))
              .some(key => JSON.parse(sessionStorage.getItem(key)).fields[id] === value)
            """,
            new[] { id, value });
    }
}
