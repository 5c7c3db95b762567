package dev.tessera.safety.screening;

/** One example of a screening dataset: its text and label name (injection "1"/"0"; hate / offensive / neither). */
public record LabeledExample(String text, String label) {
}
