// Loaded by kernel-tour.ipynb with %load: a .jsh file is run cell-style, so its definitions join the session.
String shout(String s) {
    return s.toUpperCase() + "!";
}

int loadedFromJsh = 7;
