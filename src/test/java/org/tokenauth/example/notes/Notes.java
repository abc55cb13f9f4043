package org.tokenauth.example.notes;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The service's data, in memory: the example is about who may read and write it, not about storing it. */
@ApplicationScoped
public class Notes {

    public record Note(String text, String author) {
    }

    private final List<Note> notes = new CopyOnWriteArrayList<>();

    public List<Note> all() {
        return List.copyOf(notes);
    }

    public Note add(String text, String author) {
        Note note = new Note(text, author);
        notes.add(note);
        return note;
    }
}
