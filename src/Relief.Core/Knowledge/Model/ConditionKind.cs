namespace Relief.Core.Knowledge.Model;

/// <summary>The kind of pain or fatigue a condition is (conditions.yaml <c>kind</c>, kebab-case), checked on load.</summary>
public enum ConditionKind
{
    Nociplastic,
    Neuropathic,
    Inflammatory,
    Fatigue,
    ChronicPain,
}
