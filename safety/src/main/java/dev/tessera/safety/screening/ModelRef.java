package dev.tessera.safety.screening;

import dev.tessera.safety.audit.AuditRecord;
import dev.tessera.safety.audit.Auditor;
import dev.tessera.sdk.head.OnnxHead;
import dev.tessera.sdk.registry.ModelCard;

/** Which model made a screening decision, as its audit records name it. */
record ModelRef(String id, String version) {

    /** A shipped head, named and versioned by its model card. */
    static ModelRef shipped(String onnxFile) {
        ModelCard card = ShippedModels.card(onnxFile);
        return new ModelRef(Auditor.requireIdentifier("model name", card.name()),
                Auditor.requireIdentifier("model version", card.version()));
    }

    /** A head without a card (trained in this process): its own name, unversioned. */
    static ModelRef unversioned(OnnxHead head) {
        return new ModelRef(head.head().name(), "-");
    }

    Auditor.Decision decision(double score, boolean flagged) {
        return new Auditor.Decision(id, version, score, flagged ? AuditRecord.Action.BLOCK : AuditRecord.Action.ALLOW);
    }
}
