using InstaIntel.Intelligence.Imaging;
using InstaIntel.Intelligence.Ocr;

namespace InstaIntel.Intelligence.Tests.Ocr;

public sealed class TextBoxMergerTests
{
    [Fact]
    public void Pieces_of_one_line_cut_by_a_tile_edge_are_united()
    {
        var left = new BoundingBox(100, 500, 960, 530);
        var right = new BoundingBox(770, 501, 1300, 531);

        var line = Assert.Single(TextBoxMerger.Merge([left, right], []));

        Assert.Equal(new BoundingBox(100, 500, 1300, 531), line);
    }

    [Fact]
    public void Neighbouring_words_join_but_distant_columns_and_other_rows_do_not()
    {
        var word = new BoundingBox(0, 0, 100, 30);
        var next = new BoundingBox(110, 2, 200, 31);
        var farColumn = new BoundingBox(400, 0, 500, 30);
        var nextRow = new BoundingBox(0, 40, 100, 70);

        var lines = TextBoxMerger.Lines([word, next, farColumn, nextRow]);

        Assert.Equal([new BoundingBox(0, 0, 200, 31), farColumn, nextRow], lines);
    }

    [Fact]
    public void A_coarse_box_spanning_several_fine_lines_gives_way_to_them()
    {
        BoundingBox[] fine = [new(10, 10, 300, 30), new(10, 40, 280, 60), new(10, 70, 290, 90)];
        var blob = new BoundingBox(5, 5, 305, 95);

        var lines = TextBoxMerger.Merge(fine, [blob]);

        Assert.Equal(fine, lines);
    }

    [Fact]
    public void A_coarse_box_of_a_line_the_tiles_saw_in_pieces_joins_them()
    {
        BoundingBox[] fine = [new(10, 10, 150, 40), new(140, 11, 290, 41)];
        var whole = new BoundingBox(8, 9, 300, 42);

        var line = Assert.Single(TextBoxMerger.Merge(fine, [whole]));

        Assert.Equal(new BoundingBox(8, 9, 300, 42), line);
    }
}
