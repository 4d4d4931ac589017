using System.Text.RegularExpressions;
using ProductBrowser.Data;
using ProductBrowser.Domain;

namespace ProductBrowser.Catalog.Editing;

/// <summary>Field rules for an edit; messages are written for the person filling the form.</summary>
public static partial class ProductEditValidator
{
    public const decimal MaxWeightKg = 100_000m;
    public const decimal MaxDimensionCm = 10_000m;

    /// <summary>Validates and normalizes (trims, upper-cases the SKU). Returns the errors by field name; empty when valid.</summary>
    public static (ProductEdit Normalized, Dictionary<string, string> Errors) Validate(ProductEdit edit)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var sku = (edit.Sku ?? "").Trim().ToUpperInvariant();
        var gtin = string.IsNullOrWhiteSpace(edit.Gtin) ? null : edit.Gtin.Trim();
        var name = (edit.Name ?? "").Trim();
        var description = (edit.Description ?? "").Trim();
        var brand = (edit.Brand ?? "").Trim();
        var bin = (edit.BinLocation ?? "").Trim().ToUpperInvariant();

        if (!SkuPattern().IsMatch(sku))
        {
            errors[nameof(ProductEdit.Sku)] = sku.Length == 0
                ? "SKU is required."
                : $"SKU must be 2-{ProductConfiguration.SkuMaxLength} letters, digits, '-', '_', '.' or '/', starting with a letter or digit.";
        }

        if (gtin is not null && !IsValidGtin(gtin))
        {
            errors[nameof(ProductEdit.Gtin)] = "Barcode must be a GTIN of 8, 12, 13 or 14 digits with a valid check digit.";
        }

        Require(errors, nameof(ProductEdit.Name), name, ProductConfiguration.NameMaxLength, "Name");
        Require(errors, nameof(ProductEdit.Brand), brand, 100, "Brand");
        Require(errors, nameof(ProductEdit.BinLocation), bin, 20, "Bin location");
        if (description.Length > ProductConfiguration.DescriptionMaxLength)
        {
            errors[nameof(ProductEdit.Description)] = $"Description can be at most {ProductConfiguration.DescriptionMaxLength:N0} characters.";
        }

        if (edit.WeightKg <= 0 || edit.WeightKg > MaxWeightKg)
        {
            errors[nameof(ProductEdit.WeightKg)] = $"Weight must be more than 0 and at most {MaxWeightKg:N0} kg.";
        }

        foreach (var (field, value) in new[]
                 {
                     (nameof(ProductEdit.LengthCm), edit.LengthCm), (nameof(ProductEdit.WidthCm), edit.WidthCm),
                     (nameof(ProductEdit.HeightCm), edit.HeightCm),
                 })
        {
            if (value <= 0 || value > MaxDimensionCm)
            {
                errors[field] = $"Must be more than 0 and at most {MaxDimensionCm:N0} cm.";
            }
        }

        if (edit.UnitsPerPack is < 1 or > 100_000)
        {
            errors[nameof(ProductEdit.UnitsPerPack)] = "Units per pack must be between 1 and 100,000.";
        }

        if (!Enum.IsDefined(edit.UnitOfMeasure))
        {
            errors[nameof(ProductEdit.UnitOfMeasure)] = "Choose a unit of measure.";
        }

        return (edit with { Sku = sku, Gtin = gtin, Name = name, Description = description, Brand = brand, BinLocation = bin }, errors);
    }

    private static void Require(Dictionary<string, string> errors, string field, string value, int max, string label)
    {
        if (value.Length == 0)
        {
            errors[field] = $"{label} is required.";
        }
        else if (value.Length > max)
        {
            errors[field] = $"{label} can be at most {max} characters.";
        }
    }

    private static bool IsValidGtin(string gtin)
    {
        if (gtin.Length is not (8 or 12 or 13 or 14) || !gtin.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < gtin.Length - 1; i++)
        {
            // Weights alternate 3,1 from the digit next to the check digit.
            var weight = (gtin.Length - 1 - i) % 2 == 1 ? 3 : 1;
            sum += (gtin[i] - '0') * weight;
        }

        return (10 - sum % 10) % 10 == gtin[^1] - '0';
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9._/-]{1,39}$")]
    private static partial Regex SkuPattern();
}
