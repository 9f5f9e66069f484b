namespace Relief.Core.Knowledge.Model;

/// <summary>What a non-drug therapy in therapies.yaml is (<c>kind</c>, kebab-case), checked on load.</summary>
public enum NonDrugTherapyKind
{
    NonDrug,
    Procedure,
    Experimental,
}
