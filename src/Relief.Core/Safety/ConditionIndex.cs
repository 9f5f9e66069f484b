using Relief.Core.Codes;
using Relief.Core.Patients;

namespace Relief.Core.Safety;

/// <summary>
/// The record's conditions by code, and its ICD-10-CM codes without dots, so a factor looks up its few codes
/// instead of scanning every condition.
/// </summary>
/// <remarks>
/// A record with a few conditions (the screened records have one to three) is scanned instead: a table with a list per
/// code cost more to build than the scans it saved, and a miss, the usual answer, allocates nothing either way.
/// <c>ConditionIndexTests</c> compares the scan with the table on the same records.
/// </remarks>
internal sealed class ConditionIndex
{
    /// <summary>Records with more conditions than this get the table.</summary>
    internal const int ScanUpTo = 8;

    private readonly PatientRecord _patient;
    private readonly Dictionary<Code, List<int>>? _byCode;
    private readonly List<(string Bare, Code Code, int Index)>? _icd10Cm;

    public ConditionIndex(PatientRecord patient, int scanUpTo = ScanUpTo)
    {
        _patient = patient;
        var conditions = patient.Conditions;
        if (conditions.Length > scanUpTo)
        {
            // Sized for the usual one or two codes per condition, so the largest records do not rehash as it fills.
            _byCode = new Dictionary<Code, List<int>>(conditions.Length * 2);
        }

        for (var i = 0; i < conditions.Length; i++)
        {
            foreach (var code in conditions[i].Concept.Codes)
            {
                if (_byCode is not null)
                {
                    if (!_byCode.TryGetValue(code, out var list))
                    {
                        _byCode[code] = list = [];
                    }

                    list.Add(i);
                }

                if (code.System == CodeSystems.Icd10Cm)
                {
                    (_icd10Cm ??= []).Add((code.Value.Replace(".", "", StringComparison.Ordinal), code, i));
                }
            }
        }
    }

    /// <summary>Indexes (into PatientRecord.Conditions) of the conditions coded with <paramref name="code"/>, ascending, once per coding.</summary>
    public IReadOnlyList<int> With(Code code)
    {
        if (_byCode is not null)
        {
            return _byCode.TryGetValue(code, out var list) ? list : [];
        }

        List<int>? found = null;
        var conditions = _patient.Conditions;
        for (var i = 0; i < conditions.Length; i++)
        {
            foreach (var coded in conditions[i].Concept.Codes)
            {
                if (coded.Equals(code))
                {
                    (found ??= []).Add(i);
                }
            }
        }

        return (IReadOnlyList<int>?)found ?? [];
    }

    /// <summary>ICD-10-CM codes of the record, without dots, with the condition they belong to.</summary>
    public IReadOnlyList<(string Bare, Code Code, int Index)> Icd10Cm => (IReadOnlyList<(string Bare, Code Code, int Index)>?)_icd10Cm ?? [];
}
