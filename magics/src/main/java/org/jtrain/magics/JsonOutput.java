package org.jtrain.magics;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;

/**
 * JSON put in a display as it is, nulls included. The kernel's protocol layer writes a display's values with a Gson
 * that leaves out null fields, and a record whose fields come and go is harder to read back than one with nulls.
 */
@JsonAdapter(JsonOutput.Adapter.class)
record JsonOutput(JsonElement json) {

    static final class Adapter extends TypeAdapter<JsonOutput> {
        @Override
        public void write(JsonWriter out, JsonOutput value) {
            new GsonBuilder().serializeNulls().create().toJson(value.json(), out); // sets serializeNulls for this value only
        }

        @Override
        public JsonOutput read(JsonReader in) throws IOException {
            throw new UnsupportedOperationException("a display's JSON is only written");
        }
    }
}
