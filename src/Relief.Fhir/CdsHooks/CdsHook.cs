namespace Relief.Fhir.CdsHooks;

/// <summary>The hooks Relief serves (CDS Hooks library, hookVersion 1.0).</summary>
public enum CdsHook
{
    PatientView,
    OrderSelect,
    OrderSign,
}

/// <summary>The hooks' wire names, as a request's <c>hook</c> and a service's discovery entry spell them.</summary>
public static class CdsHookNames
{
    public const string PatientView = "patient-view";
    public const string OrderSelect = "order-select";
    public const string OrderSign = "order-sign";

    public static string Of(CdsHook hook) => hook switch
    {
        CdsHook.PatientView => PatientView,
        CdsHook.OrderSelect => OrderSelect,
        _ => OrderSign,
    };

    public static CdsHook? Parse(string? name) => name switch
    {
        PatientView => CdsHook.PatientView,
        OrderSelect => CdsHook.OrderSelect,
        OrderSign => CdsHook.OrderSign,
        _ => null,
    };

    /// <summary>Order hooks carry <c>context.draftOrders</c>.</summary>
    public static bool HasDraftOrders(CdsHook hook) => hook is CdsHook.OrderSelect or CdsHook.OrderSign;
}
