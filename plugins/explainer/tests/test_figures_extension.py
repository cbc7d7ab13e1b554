"""FiguresExtension as a Python-Markdown extension: its options through config, in a plain Markdown."""

import markdown
from markdown.test_tools import TestCase

from pelican.plugins.explainer.reading.figures import FiguresExtension

LINE = "images/a.png | A drone | KCNA | Public domain"
CAPTION = '<figcaption>A drone <span class="figure-source">Credit: KCNA. Licence: Public domain.</span></figcaption>'


class TestFiguresExtension(TestCase):
    def test_an_image_alone_with_its_images_line_is_a_figure(self):
        self.assertMarkdownRenders(
            f"Images: {LINE}\n\n![Drone]({{static}}/images/a.png)",
            f'<figure class="explainer-figure explainer-image"><img alt="Drone" src="{{static}}/images/a.png" />{CAPTION}\n</figure>',
            extensions=["meta", FiguresExtension()],
        )

    def test_an_image_without_a_whole_line_or_beside_text_stays_an_image(self):
        self.assertMarkdownRenders(
            "Images: images/a.png | A drone | KCNA\n\n![Drone](/images/a.png)\n\n![Other](/images/b.png)",
            '<p><img alt="Drone" src="/images/a.png" /></p>\n<p><img alt="Other" src="/images/b.png" /></p>',
            extensions=["meta", FiguresExtension()],
        )
        self.assertMarkdownRenders(
            "A drone: ![Drone](/images/a.png)",
            '<p>A drone: <img alt="Drone" src="/images/a.png" /></p>',
            extensions=[FiguresExtension(images=[LINE])],
        )

    def test_images_gives_the_lines_of_a_text_without_metadata(self):
        self.assertMarkdownRenders(
            "![Drone](/images/a.png)",
            f'<figure class="explainer-figure explainer-image"><img alt="Drone" src="/images/a.png" />{CAPTION}\n</figure>',
            extensions=[FiguresExtension(images=[LINE])],
        )

    def test_the_texts_own_images_line_wins_over_the_option(self):
        self.assertMarkdownRenders(
            f"Images: {LINE}\n\n![Drone](/images/a.png)",
            f'<figure class="explainer-figure explainer-image"><img alt="Drone" src="/images/a.png" />{CAPTION}\n</figure>',
            extensions=["meta", FiguresExtension(images=["images/a.png | Other | Nobody | None"])],
        )

    def test_figure_class_is_the_class_of_each_figure(self):
        self.assertMarkdownRenders(
            "![Drone](/images/a.png)",
            f'<figure class="figure"><img alt="Drone" src="/images/a.png" />{CAPTION}\n</figure>',
            extensions=[FiguresExtension(images=[LINE], figure_class="figure")],
        )

    def test_it_loads_by_name_with_its_options_in_extension_configs(self):
        self.assertMarkdownRenders(
            "![Drone](/images/a.png)",
            f'<figure class="figure"><img alt="Drone" src="/images/a.png" />{CAPTION}\n</figure>',
            extensions=["pelican.plugins.explainer.reading.figures"],
            extension_configs={"pelican.plugins.explainer.reading.figures": {"images": [LINE], "figure_class": "figure"}},
        )


def test_shown_names_the_images_the_text_shows_inside_a_figure():
    figures = FiguresExtension(images=[LINE, "images/c.png | C | KCNA | Public domain"])
    md = markdown.Markdown(extensions=[figures])
    md.convert('![Drone](/images/a.png)\n\nBeside text ![B](/images/b.png)\n\n<figure><img src="/images/c.png"></figure>\n')
    assert figures.shown == {"images/a.png", "images/c.png"}
    md.reset()
    md.convert("No image here.")
    assert figures.shown == set()
