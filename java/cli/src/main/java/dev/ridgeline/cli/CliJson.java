package dev.ridgeline.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The one JSON writer of every output of the command (each {@code --json} object, {@code metrics.json},
 * {@code tune.json}). A number that is not finite (an undefined R2, the error of a diverged setting) is
 * written as null, as the model card does: Jackson's default, the string "NaN", would change the field's
 * type from number to string under its readers.
 */
final class CliJson {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .addDecorator((factory, generator) -> new FiniteOrNull(generator)).build());

    private CliJson() {
    }

    /** {@code doc} on one line. */
    static String compact(Object doc) {
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code doc} indented, for files a person may read. */
    static String pretty(Object doc) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every double and float, also those of arrays and JSON trees, passes through here. */
    private static final class FiniteOrNull extends JsonGeneratorDelegate {
        FiniteOrNull(JsonGenerator generator) {
            super(generator, false);
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (Double.isFinite(v)) {
                super.writeNumber(v);
            } else {
                writeNull();
            }
        }

        @Override
        public void writeNumber(float v) throws IOException {
            if (Float.isFinite(v)) {
                super.writeNumber(v);
            } else {
                writeNull();
            }
        }

        @Override
        public void writeArray(double[] array, int offset, int length) throws IOException {
            writeStartArray(array, length);
            for (int i = offset; i < offset + length; i++) {
                writeNumber(array[i]);
            }
            writeEndArray();
        }
    }
}
