using Relief.Core.Codes;
using Relief.Core.Patients;

namespace Relief.Core.Safety;

/// <summary>
/// The record's conditions by code, and its ICD-10-CM codes without dots, so a factor looks up its few codes
/// instead of scanning every condition.
/// </summary>
internal sealed class ConditionIndex
{
    private readonly Dictionary<Code, List<int>> _byCode;
    private readonly List<(string Bare, Code Code, int Index)> _icd10Cm = [];

    public ConditionIndex(PatientRecord patient)
    {
        // Sized for the usual one or two codes per condition, so the largest records do not rehash as it fills.
        _byCode = new Dictionary<Code, List<int>>(patient.Conditions.Length * 2);
        for (var i = 0; i < patient.Conditions.Length; i++)
        {
            foreach (var code in patient.Conditions[i].Concept.Codes)
            {
                if (!_byCode.TryGetValue(code, out var list))
                {
                    _byCode[code] = list = [];
                }

                list.Add(i);
                if (code.System == CodeSystems.Icd10Cm)
                {
                    _icd10Cm.Add((code.Value.Replace(".", "", StringComparison.Ordinal), code, i));
                }
            }
        }
    }

    /// <summary>Indexes (into PatientRecord.Conditions) of the conditions coded with <paramref name="code"/>.</summary>
    public IReadOnlyList<int> With(Code code) => _byCode.TryGetValue(code, out var list) ? list : [];

    /// <summary>ICD-10-CM codes of the record, without dots, with the condition they belong to.</summary>
    public IReadOnlyList<(string Bare, Code Code, int Index)> Icd10Cm => _icd10Cm;
}
