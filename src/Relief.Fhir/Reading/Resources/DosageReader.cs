using System.Collections.Immutable;
using System.Text.Json;
using Relief.Core.Patients;
using Relief.Fhir.Reading.Elements;

namespace Relief.Fhir.Reading.Resources;

/// <summary>
/// FHIR Dosage to <see cref="DosageFact"/>: the first doseAndRate's dose (a Range's high end, the
/// dose that can be reached), the repeat's frequency per period, as-needed and route.
/// </summary>
internal static class DosageReader
{
    // Nearly every request has one dosage: its paths are made once, not per resource.
    private static readonly DosagePaths FirstInstruction = new("dosageInstruction[0]");
    private static readonly DosagePaths FirstDosage = new("dosage[0]");

    public static ImmutableArray<DosageFact> ReadAll(JsonElement resource, ReadOnlySpan<byte> name, string path, ReadContext context)
    {
        var dosages = new FewItems<DosageFact>();
        var index = 0;
        foreach (var dosage in TolerantJson.Array(resource, name, ElementPath.Root, context))
        {
            if (TolerantJson.IsObjectItem(dosage, ElementPath.Root, name, index, context))
            {
                var paths = index == 0 && path == "dosageInstruction" ? FirstInstruction
                    : index == 0 && path == "dosage" ? FirstDosage
                    : new DosagePaths($"{path}[{index}]");
                dosages.Add(Read(dosage, paths, context));
            }

            index++;
        }

        return dosages.ToImmutable();
    }

    private static DosageFact Read(JsonElement dosage, DosagePaths paths, ReadContext context)
    {
        var path = paths.Dosage;
        var (dose, entries) = Dose(dosage, paths, context);
        int? frequency = null;
        int? frequencyMax = null;
        decimal? period = null;
        string? periodUnit = null;
        if (TolerantJson.TryGetObject(dosage, "timing"u8, path, context, out var timing)
            && TolerantJson.TryGetObject(timing, "repeat"u8, paths.Timing, context, out var repeat))
        {
            var repeatPath = paths.Repeat;
            frequency = TolerantJson.Integer(repeat, "frequency"u8, repeatPath, context);
            frequencyMax = TolerantJson.Integer(repeat, "frequencyMax"u8, repeatPath, context);
            period = TolerantJson.Decimal(repeat, "period"u8, repeatPath, context);
            periodUnit = TolerantJson.String(repeat, "periodUnit"u8, repeatPath, context);
        }

        var asNeeded = TolerantJson.Boolean(dosage, "asNeededBoolean"u8, path, context) ?? false;
        if (dosage.TryGetProperty("asNeededCodeableConcept"u8, out _))
        {
            // A reason for taking it as needed ("for pain") means it is taken as needed.
            asNeeded = true;
        }

        var route = CodeableConcepts.Read(dosage, "route", path, context);
        return new DosageFact
        {
            Text = TolerantJson.String(dosage, "text"u8, path, context),
            DoseValue = dose.Value,
            DoseUnit = dose.Unit,
            Frequency = frequency,
            Period = period,
            PeriodUnit = periodUnit,
            AsNeeded = asNeeded,
            Route = route.Text ?? (route.Codes.IsDefaultOrEmpty ? null : route.Codes[0].Value),
            FrequencyMax = frequencyMax,
            DoseEntries = Math.Max(entries, 1),
        };
    }

    /// <summary>
    /// The dose to compute with, and how many doseAndRate entries there were. An entry typed "ordered" wins; entries
    /// typed otherwise (calculated…) restate the dose, so the first counts; when no entry is typed, the largest dose
    /// among those sharing the first entry's unit counts (the one that can be reached: the reference MME calculator
    /// assumes the most aggressive dosing). A Range counts by its high end.
    /// </summary>
    private static (QuantityValue Dose, int Entries) Dose(JsonElement dosage, DosagePaths paths, ReadContext context)
    {
        var path = paths.Dosage;
        QuantityValue best = default;
        QuantityValue first = default;
        QuantityValue? ordered = null;
        var anyTyped = false;
        var index = 0;
        var count = 0;
        foreach (var doseAndRate in TolerantJson.Array(dosage, "doseAndRate"u8, path, context))
        {
            if (!TolerantJson.IsObjectItem(doseAndRate, path, "doseAndRate"u8, index, context))
            {
                index++;
                continue;
            }

            var itemPath = index == 0 ? paths.FirstDoseAndRate : $"{path}.doseAndRate[{index}]";
            QuantityValue dose = default;
            if (doseAndRate.TryGetProperty("doseQuantity"u8, out _))
            {
                dose = Quantities.Read(doseAndRate, "doseQuantity", itemPath, context);
            }
            else if (TolerantJson.TryGetObject(doseAndRate, "doseRange"u8, itemPath, context, out var range))
            {
                dose = Quantities.Read(range, "high", $"{itemPath}.doseRange", context);
            }

            index++;
            if (dose.Value is null)
            {
                continue;
            }

            count++;
            first = count == 1 ? dose : first;
            anyTyped |= doseAndRate.TryGetProperty("type"u8, out _);
            if (ordered is null && IsOrdered(doseAndRate))
            {
                ordered = dose;
            }

            if (best.Value is null || (string.Equals(best.Unit, dose.Unit, StringComparison.OrdinalIgnoreCase) && dose.Value > best.Value))
            {
                best = dose;
            }
        }

        return (ordered ?? (anyTyped ? first : best), count);
    }

    private static bool IsOrdered(JsonElement doseAndRate) =>
        doseAndRate.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.Object
        && ((type.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String && text.ValueEquals("ordered"u8))
            || (type.TryGetProperty("coding"u8, out var codings) && codings.ValueKind == JsonValueKind.Array
                && codings.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("code"u8, out var code)
                    && code.ValueKind == JsonValueKind.String && code.ValueEquals("ordered"u8))));
}
