"""Public sha256 digests of data-source URLs, as Hugging Face's dataset scripts recorded them.

Copied from docs/reference/DIGESTS.md (its source and caveats are there; tests/fetch/
test_public_digests.py checks this table against that file). `sources.py` pins every file whose
URL is listed here; a file that changed upstream since then fails its checksum with a message
saying so. Not verified on this machine (no network when it was written).
"""

from __future__ import annotations

PUBLIC_SHA256: dict[str, tuple[str, str, int]] = {
    # url: (dataset script that recorded it, sha256, bytes)
    "https://dl.fbaipublicfiles.com/glue/data/CoLA.zip":
        ("glue", "f212fcd832b8f7b435fb991f101abf89f96b933ab400603bf198960dfc32cbff", 376971),
    "https://dl.fbaipublicfiles.com/glue/data/SST-2.zip":
        ("glue", "d67e16fb55739c1b32cdce9877596db1c127dc322d93c082281f64057c16deaa", 7439277),
    "https://dl.fbaipublicfiles.com/glue/data/mrpc_dev_ids.tsv":
        ("glue", "971d7767d81b997fd9060ade0ec23c4fc31cbb226a55d1bd4a1bac474eb81dc7", 6222),
    "https://dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_train.txt":
        ("glue", "60a9b09084528f0673eedee2b69cb941920f0b8cd0eeccefc464a98768457f89", 1047044),
    "https://dl.fbaipublicfiles.com/senteval/senteval_data/msr_paraphrase_test.txt":
        ("glue", "a04e271090879aaba6423d65b94950c089298587d9c084bf9cd7439bd785f784", 441275),
    "https://dl.fbaipublicfiles.com/glue/data/QQP-clean.zip":
        ("glue", "40e7c862c04eb26ee04b67fd900e76c45c6ba8e6d8fab4f8f1f8072a1a3fbae0", 41696084),
    "https://dl.fbaipublicfiles.com/glue/data/STS-B.zip":
        ("glue", "e60a6393de5a8b5b9bac5020a1554b54e3691f9d600b775bd131e613ac179c85", 802872),
    "https://dl.fbaipublicfiles.com/glue/data/MNLI.zip":
        ("glue", "e7c1d896d26ed6caf700110645df426cc2d8ebf02a5ab743d5a5c68ac1c83633", 312783507),
    "https://dl.fbaipublicfiles.com/glue/data/QNLIv2.zip":
        ("glue", "e634e78627a29adaecd4f955359b22bf5e70f2cbd93b493f2d624138a0c0e5f5", 10627589),
    "https://dl.fbaipublicfiles.com/glue/data/RTE.zip":
        ("glue", "6bf86de103ecd335f3441bd43574d23fef87ecc695977a63b82d5efb206556ee", 697150),
    "https://dl.fbaipublicfiles.com/glue/data/WNLI.zip":
        ("glue", "ae0e8e4d16f4d46d4a0a566ec7ecceccfd3fbfaa4a7a4b4e02848c0f2561ac46", 28999),
    "https://dl.fbaipublicfiles.com/glue/data/AX.tsv":
        ("glue", "0e13510b1bb14436ff7e2ee82338f0efb0133ecf2e73507a697dc210db3f05fd", 222257),
    "https://nlp.stanford.edu/projects/snli/snli_1.0.zip":
        ("snli", "afb3d70a5af5d8de0d9d81e2637e0fb8c22d1235c2749d83125ca43dab0dbd3e", 94550081),
    "https://dl.fbaipublicfiles.com/anli/anli_v0.1.zip":
        ("anli", "16ac929a7e90ecf9093deaec89cc81fe86a379265a5320a150028efe50c5cde8", 18621352),
    "https://rajpurkar.github.io/SQuAD-explorer/dataset/train-v1.1.json":
        ("squad", "3527663986b8295af4f7fcdff1ba1ff3f72d07d61a20f487cb238a6ef92fd955", 30288272),
    "https://rajpurkar.github.io/SQuAD-explorer/dataset/dev-v1.1.json":
        ("squad", "95aa6a52d5d6a735563366753ca50492a658031da74f301ac5238b03966972c9", 4854279),
    "https://rajpurkar.github.io/SQuAD-explorer/dataset/train-v2.0.json":
        ("squad_v2", "68dcfbb971bd3e96d5b46c7177b16c1a4e7d4bdef19fb204502738552dede002", 42123633),
    "https://rajpurkar.github.io/SQuAD-explorer/dataset/dev-v2.0.json":
        ("squad_v2", "80a5225e94905956a6446d296ca1093975c4d3b3260f1d6c8f68bc2ab77182d8", 4370528),
    "https://github.com/rowanz/hellaswag/raw/master/data/hellaswag_train.jsonl":
        ("hellaswag", "dae5e69249868cb9fe4e23ff925c60b66169564cfb7072d793cd7356a2b69f8d", 47496131),
    "https://github.com/rowanz/hellaswag/raw/master/data/hellaswag_test.jsonl":
        ("hellaswag", "da082b00543e422b8d25394614d102944586986def4de5cd1bd36d86bcb76261", 11752147),
    "https://github.com/rowanz/hellaswag/raw/master/data/hellaswag_val.jsonl":
        ("hellaswag", "0aa3b88843990f3f10a97b9575c94d7b71fb2205240ba04ae4884d9e9c992588", 12246618),
    "https://s3.amazonaws.com/commensenseqa/train_rand_split.jsonl":
        ("commonsense_qa", "58ffa3c8472410e24b8c43f423d89c8a003d8284698a6ed7874355dedd09a2fb", 3785890),
    "https://s3.amazonaws.com/commensenseqa/dev_rand_split.jsonl":
        ("commonsense_qa", "3210497fdaae614ac085d9eb873dd7f4d49b6f965a93adadc803e1229fd8a02a", 471653),
    "https://s3.amazonaws.com/commensenseqa/test_rand_split_no_answers.jsonl":
        ("commonsense_qa", "b426896d71a9cd064cf01cfaf6e920817c51701ef66028883ac1af2e73ad5f29", 423148),
    "https://github.com/wilburOne/cosmosqa/raw/master/data/train.csv":
        ("cosmos_qa", "d8d5ca1f9f6534b6530550718591af89372d976a8fc419360fab4158dee4d0b2", 16660449),
    "https://github.com/wilburOne/cosmosqa/raw/master/data/test.jsonl":
        ("cosmos_qa", "70005196dc2588b95de34f1657b25e2c1a4810cfe55b5bb0c0e15580c37b3ed0", 5610681),
    "https://github.com/wilburOne/cosmosqa/raw/master/data/valid.csv":
        ("cosmos_qa", "a6a94fc1463ca82bb10f98ef68ed535405e6f5c36e044ff8e136b5c19dea63f3", 2128345),
    "https://storage.googleapis.com/ai2-mosaic/public/socialiqa/socialiqa-train-dev.zip":
        ("social_i_qa", "ee073914a0fc33265cfbcfc50ec20df9b2e07809c3f420f599138d1f394ef5c3", 2198056),
    "https://dl.fbaipublicfiles.com/XNLI/XNLI-MT-1.0.zip":
        ("xnli", "f732517ba2fb1d550e9f3c2aabaef6017c91ee2dcec90e878f138764d224db05", 466098360),
    "https://dl.fbaipublicfiles.com/XNLI/XNLI-1.0.zip":
        ("xnli", "4ba1d5e1afdb7161f0f23c66dc787802ccfa8a25a3ddd3b165a35e50df346ab1", 17865352),
    "https://storage.googleapis.com/paws/pawsx/x-final.tar.gz":
        ("paws-x", "4146db499101d66e68ae4c8ed3cf9dadecd625f44b7d8cf3d4a0fe93afc4fd9f", 30282057),
    "https://github.com/deepmind/xquad/raw/master/xquad.ar.json":
        ("xquad", "abdabd7afed5c635d99cca0f3f0d0c9d9ed0bc77451e963c2e4e0638c29e486d", 1582988),
    "https://github.com/deepmind/xquad/raw/master/xquad.de.json":
        ("xquad", "990b5d746746ed65ed4702ea5f35f99ffa4e2f1c390c07d003642acd937916f9", 669810),
    "https://github.com/deepmind/xquad/raw/master/xquad.zh.json":
        ("xquad", "691d0b3359bc6b8faa8de931dfdfe21d50a65861ae348e32a0d1a0190b0c8835", 808652),
    "https://github.com/deepmind/xquad/raw/master/xquad.vi.json":
        ("xquad", "f619a1eb11fb42d3ab0834259e488a65f585447ef6154437bfb7199d85161a04", 911401),
    "https://github.com/deepmind/xquad/raw/master/xquad.en.json":
        ("xquad", "e4c57d1c9143aaa1c5d265ba5987a65f4e69528d2a98f29d6e75019b10344f29", 609383),
    "https://github.com/deepmind/xquad/raw/master/xquad.es.json":
        ("xquad", "dcbae93ec3a9f4b9e78fd834a171d6f96c1a875e10e15b7530b7e4ef4971e37e", 684322),
    "https://github.com/deepmind/xquad/raw/master/xquad.hi.json":
        ("xquad", "df2cce3532b37e9beb8979704b5c9a4bf874358f105395a298b89427b43b9d24", 1680538),
    "https://github.com/deepmind/xquad/raw/master/xquad.el.json":
        ("xquad", "821cf0f88e73fa258fd2f548b19b6ec39f7025059e16f6f9fc8cd797c9c3663e", 1918889),
    "https://github.com/deepmind/xquad/raw/master/xquad.th.json":
        ("xquad", "5cdda11d0e1e075f7872abf4e6ae830388ce7f617964d542308e9ae4257e0f43", 1809143),
    "https://github.com/deepmind/xquad/raw/master/xquad.tr.json":
        ("xquad", "92179a564774b7696100d144c1e10870d0a966b6fccbdd254a65b9d2ab1971cc", 729506),
    "https://github.com/deepmind/xquad/raw/master/xquad.ru.json":
        ("xquad", "208d5b1aa154c52b1b5c5eda16281e455e8fd198cdb9af3f469f0d6037d973bf", 1896368),
    "https://github.com/deepmind/xquad/raw/master/xquad.ro.json":
        ("xquad", "94f8d54e93ad2b7dd2e76dd921a666b5b8eff2d4379df9f179c42b445f09643f", 661158),
    "https://dl.fbaipublicfiles.com/MLQA/mlqa-translate-train.tar.gz":
        ("mlqa", "e510277b0bc3c0639f53839aba8591aebfe803b8b84c5c2ef0513768b86b7cf9", 63364123),
    "https://dl.fbaipublicfiles.com/MLQA/mlqa-translate-test.tar.gz":
        ("mlqa", "d6539141c529849d09e9d5ab95127a20e238e6b24081fa3abbc671af340ee4e7", 10075488),
    "https://dl.fbaipublicfiles.com/MLQA/MLQA_V1.zip":
        ("mlqa", "246e8089933d13007fe80684d5c5c0713d6834cf8b3b4a0ec7c66f0a0d2baac8", 75719050),
    "https://storage.googleapis.com/tydiqa/v1.0/tydiqa-v1.0-train.jsonl.gz":
        ("tydiqa", "8eeedfee7593db7c3637d65a3d5c67b82486137ac6ac3ea7d08be9a64d71b629", 1729651634),
    "https://storage.googleapis.com/tydiqa/v1.0/tydiqa-v1.0-dev.jsonl.gz":
        ("tydiqa", "b52b8d4db1850b1549e960219e6056d8139986f8caf1b5e8b4eecadabed24413", 160614310),
    "https://storage.googleapis.com/tydiqa/v1.1/tydiqa-goldp-v1.1-train.json":
        ("tydiqa", "cefc8e09ff2548d9b10a678d3a6bbbe5bc036be543f92418819ea676c97be23b", 58004076),
    "https://storage.googleapis.com/tydiqa/v1.1/tydiqa-goldp-v1.1-dev.json":
        ("tydiqa", "b286e0f34bc7f52259359989716f369b160565bd12ad8f3a3e311f9b0dbad1c0", 5617409),
    "https://s3.amazonaws.com/datasets.huggingface.co/wikiann/1.1.0/panx_dataset.zip":
        ("xtreme", "164814b64f749ad000988b5ab45050b5116913b3db466ab173008955ddf649a4", 234008884),
    "https://comparable.limsi.fr/bucc2018/bucc2018-de-en.training-gold.tar.bz2":
        ("xtreme", "766e0fdebbd1438fb87c21254828eb13c8b997d8fbab002103dd060dcac50c5c", 28189548),
    "https://comparable.limsi.fr/bucc2018/bucc2018-de-en.sample-gold.tar.bz2":
        ("xtreme", "8e16ba8b02ef8d648b06adfbd6dfb188f43524e18f97b2b12a14a086caac62f3", 2529652),
    "https://comparable.limsi.fr/bucc2018/bucc2018-fr-en.training-gold.tar.bz2":
        ("xtreme", "53c0d0e7dd97dc89593a2db25a26c5f0ccdc7113e8451263bb0c80e4c4c7dc30", 20757713),
    "https://comparable.limsi.fr/bucc2018/bucc2018-fr-en.sample-gold.tar.bz2":
        ("xtreme", "df9eb3966954e163c9264076f7c9c1eb56d9d8a91855f9d3afbf2c0fdaef0a08", 1948831),
    "https://comparable.limsi.fr/bucc2018/bucc2018-zh-en.training-gold.tar.bz2":
        ("xtreme", "3facb71798277c8f44dc78c1f8ae2110f254d0e14799f3508eedd54b4236877a", 6344925),
    "https://comparable.limsi.fr/bucc2018/bucc2018-zh-en.sample-gold.tar.bz2":
        ("xtreme", "a3425be5c0320ee131a0927b66c3e29befb3b481ebf1b87257e660e514bc16ac", 769869),
    "https://comparable.limsi.fr/bucc2018/bucc2018-ru-en.training-gold.tar.bz2":
        ("xtreme", "1895df56e936ca3d4f5b12299ceffe0b7ff4806584c40bdaa3ae1d445f25afa5", 37085079),
    "https://comparable.limsi.fr/bucc2018/bucc2018-ru-en.sample-gold.tar.bz2":
        ("xtreme", "fce3cabc7ee50ddb4b18aa6fb090e2669c8383d2a29fc97eed6ae70fed9a23e5", 4269233),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.afr-eng.afr":
        ("xtreme", "7bb9e073ad8422d6bfdec7c9ebdcef8ac486e72b237200e447923a8b921a0a56", 30586),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.afr-eng.eng":
        ("xtreme", "0b700c125efb4030b4cc50d9d765d5884afc24f39296f29b028a1b2a8512034f", 29049),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.ara-eng.ara":
        ("xtreme", "e67a0ae072b79cd9e8eb09f166c3bc0b23488d39f5720f2ee0a8350ae17b719f", 43582),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.ara-eng.eng":
        ("xtreme", "3c11838c963f598a52dcf2f452b666353538257001db5c59c3a5f54a999b336b", 29068),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.ben-eng.ben":
        ("xtreme", "ac3385695d6a6c7e5d18e38ad4b8b7d3780f3df23dd0ff3f539071b8269a8613", 65990),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.ben-eng.eng":
        ("xtreme", "67fbe75fec549d436c3356b6d6f8dd53179b6a908661b5d507d28c7fee83350e", 25713),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.bul-eng.bul":
        ("xtreme", "f9fa90cf3599d8c87f7a6ed22f5d648e3ce6687c705656a8c8ea088d891f79d5", 65500),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.bul-eng.eng":
        ("xtreme", "4b03b3b52ffb7cf4286e0c4453c90910a3021546f160bdf0e4d39d1f45bfbc0b", 36779),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.deu-eng.deu":
        ("xtreme", "edfa6f75a42554df388f45891735d5e4214158a99def4b73b5908af4a3054551", 57121),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.deu-eng.eng":
        ("xtreme", "eb9cc83a42f2c4b22f310d05311207e41abb56c2a084666cac3ee0f84d2d0b84", 48446),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.cmn-eng.cmn":
        ("xtreme", "965d033966fcd186c89741ad49ab4b0a0b2bbd33e02666635ff3b2be23c1ac1f", 33410),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.cmn-eng.eng":
        ("xtreme", "29ba36232488f5806aceccac57c59c5e750ddd08edb40eef417e3ada9ff9a239", 35521),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.ell-eng.ell":
        ("xtreme", "4fb3d3d30bdafd15100dfad5c4680f8f2ed5ca87ed0a6122e2fe2aa21fee65e8", 52202),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.ell-eng.eng":
        ("xtreme", "1f630710e718e2f85a4e757d3c7f3d6e78ded0b25c99653b4c552138318d9ffe", 26759),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.est-eng.est":
        ("xtreme", "94856999ef35e5357502d7ecf50419d0108b99270e507d9c57f8b283bd1be9c5", 29996),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.est-eng.eng":
        ("xtreme", "bb033b10596178452aecf2d97ad25580251375e7d224d8b38dad3d93d69b1e4f", 29732),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.eus-eng.eus":
        ("xtreme", "4255fb70a6c268b09fcc59a9b308f0fcaaf45ef45e66fc55bf3c80eac4d8c97b", 34060),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.eus-eng.eng":
        ("xtreme", "1e80f0174ad544697fd69ddcf21287ca10c5e3cacba2fc42bf1d68c460d14ba2", 32008),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.fin-eng.fin":
        ("xtreme", "8db3c734f755d578445947f1182f40faf2a9a0eca37561dd248717c088802d60", 39857),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.fin-eng.eng":
        ("xtreme", "322e610359f4d24852e673bbe4524d52c26dbf980aca0760e95c66dc21ecd504", 35812),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.fra-eng.fra":
        ("xtreme", "644172ff9642fefa9e41c29b7d6f44196518e84350dc44d4992e943c0cca92b6", 43727),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.fra-eng.eng":
        ("xtreme", "5634220f8a26a9a23b84753a9aec0b0832e6bdaa9da3f83e0bd84c928c3f46e3", 36291),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.heb-eng.heb":
        ("xtreme", "4a07ca4b8a6fb7ab499791573a2454730f47acbe209359d7b9372a9f6094a102", 47660),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.heb-eng.eng":
        ("xtreme", "73c27ed0f76c1d2da199230f05489749e10bb67ab879c6dfee8ca9807d6bd99c", 35840),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.hin-eng.hin":
        ("xtreme", "15e4fb0a394be4438319f1d6955d1aea226e2a8c5ad38798b23b76ae43d742ed", 88468),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.hin-eng.eng":
        ("xtreme", "adfce2269a55dbac69b25c0f4f6eb89e0f9383165485925a2e042e61b9480562", 34090),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.hun-eng.hun":
        ("xtreme", "56bd0682be8c1db6568313650b3310d641cc8d0019d12dd7caf201302350eeac", 35335),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.hun-eng.eng":
        ("xtreme", "5323266e91ddee67ed1ae00d6bbac0cdf3d37749d1b2da3459bf0d424bc71383", 33554),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.ind-eng.ind":
        ("xtreme", "4f03cd70cba071f746eacd3ebf6b60fd5a8377ce18b4cc52edec6721f05f352a", 39969),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.ind-eng.eng":
        ("xtreme", "62a3f5127b60eb3526b8fa3994a68fa1a1f114f3a395307a8808a3517c05ffc5", 34875),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.ita-eng.ita":
        ("xtreme", "9b3f369d0ed92273b46dd3b983721636e3d15024ce7125f5103229249c386d26", 34237),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.ita-eng.eng":
        ("xtreme", "738bf8f981e42d285f4f08bc09238782d285b02050e6e95287aa4e998bb7b24b", 31596),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.jav-eng.jav":
        ("xtreme", "ad88399db8f94c2a040aa53e7e862225964fac9308a3beb3d5b38f3eca2f827f", 7457),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.jav-eng.eng":
        ("xtreme", "172776353690f6c047ea21da969fa6979980d692fff1cfbac17eb25851423760", 6456),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.jpn-eng.jpn":
        ("xtreme", "56040bd6949170a631039d9f8f4c6440db8761b0065c9686feba55c99a320d46", 53844),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.jpn-eng.eng":
        ("xtreme", "b42129b34e1bf225ccc25fc00e532a6113af98adbc6605b93021bd8aadeb68b6", 39239),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.kat-eng.kat":
        ("xtreme", "6ef69b5efbf355597ed91eb355b33a5f524bdf0875dbeaaccf6375badc20e29b", 50967),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.kat-eng.eng":
        ("xtreme", "d70a14aa64fd7c6b545f11aea754a632e1cbecb91af27fcf6a98a8449a48a8e7", 21193),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.kaz-eng.kaz":
        ("xtreme", "f20c682582a80b6aa10f3b933db93bc314449b554ce611e263bc75990b319aef", 29687),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.kaz-eng.eng":
        ("xtreme", "0ab684e7032c6520540d5785adf00ef206d097221d0dd4dc9bcaabd64068e10d", 17491),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.kor-eng.kor":
        ("xtreme", "e550c84184ec35b1a0dab3154284719511a21746e53c40f46eb6ab08179e9188", 44054),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.kor-eng.eng":
        ("xtreme", "f900cf3c9b72ed5a400e1804702863ff3df00be58eb060902e02285d0e68fab3", 35085),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.mal-eng.mal":
        ("xtreme", "1a896f54f85a454fb0123864049c65921ae9dfd0cafda6deef8060f0104d965e", 72952),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.mal-eng.eng":
        ("xtreme", "4d80cdbb844cd4e33f874e5dc45c1cdda4f80998034448f7eb56b8b6532a6622", 21765),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.mar-eng.mar":
        ("xtreme", "b2931584fbe62062beb97cc939e4d208ace5ee56f15808860ab14e130fd3c576", 72652),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.mar-eng.eng":
        ("xtreme", "709d09b697dca053c814b9d525b72cb47cb011aa860c6598f3e2b1b3dd1280dd", 27890),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.nld-eng.nld":
        ("xtreme", "d564d4ce1c621ccaefdbe9f5cb08eacccc7bf2a0b58666303e84ca9c7973bdb7", 37866),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.nld-eng.eng":
        ("xtreme", "3b8836749df573a53235b85ed6771f31bf2de428f520d2d6a1dd94b61b4ef057", 35397),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.pes-eng.pes":
        ("xtreme", "f1553713723491fe5876e1060b18fb4abf0c77be3ba06db2e3307e83aedbbb32", 58866),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.pes-eng.eng":
        ("xtreme", "b5c6cf8c8d93ff8f2fe26b53f3ee29b62db9c6f7dcddcb086ba48953f4ce926b", 34853),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.por-eng.por":
        ("xtreme", "b0c926a232c9889a87a1a970f9399c5618c2d95baf204321e9da794c0aec16f5", 39331),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.por-eng.eng":
        ("xtreme", "deb4568cfb7b7cbbc060a7fe97c4639fb4680842f4fcd28df791ffdbb753855a", 35854),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.rus-eng.rus":
        ("xtreme", "446ff2cae66053c2277d9735b2c2df6b786cae258385f7ade7bed68d8835c6a0", 58822),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.rus-eng.eng":
        ("xtreme", "7b26f52d6085b7c4944d6f5f6f5b6e1932085b42112f1444db515ce59e878fb8", 33650),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.spa-eng.spa":
        ("xtreme", "f9628cea40481e8251f0999718bd893cff0f261752f5e526b3bc20284e2ca018", 37490),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.spa-eng.eng":
        ("xtreme", "89e4470f4572040b1ca94b3edad97dcd8bd2f0141f072e12933b8659dadf917d", 34776),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.swh-eng.swh":
        ("xtreme", "1c672915446c336cc378676e6dbf91eb54d27bbfd0c61563d349265bc6374753", 9645),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.swh-eng.eng":
        ("xtreme", "e8539647caff9e329776ae863b6224d432923c6e4e9256b9df92ca58ff282eac", 10822),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.tam-eng.tam":
        ("xtreme", "bde87fb1ddedccf6c7a2b70ffdd19a959a573c113c2e7a041c4b623fb2170bde", 30553),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.tam-eng.eng":
        ("xtreme", "e7c5106acdd100214a161970b2a5c31e7386e5b6a963e3d3afdf30412c90ac53", 8888),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.tel-eng.tel":
        ("xtreme", "7e1a1bcd106cce650a09e2f042f1354b55b29bea2bcfa86554dfa0ad12ce8976", 18337),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.tel-eng.eng":
        ("xtreme", "1efc2ef57d9b1ecebfc4baa45e86fd793e38473304e9c043aebabc3a1b29a294", 6806),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.tgl-eng.tgl":
        ("xtreme", "f99165dc05190b99f6574fe24db884ff85d111612a25e7a37323f001aafc2a6e", 36506),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.tgl-eng.eng":
        ("xtreme", "e7c9beda3f3072a968a34a7226a66d1ebf1dcb33cf002805dc752f80a7c620ae", 31632),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.tha-eng.tha":
        ("xtreme", "65c7b3c01a56a1ac8971e72e0ea8e74a027718dc84044d8802c0ab36395a3156", 44759),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.tha-eng.eng":
        ("xtreme", "2881c82d2c5fa59cf0a68bc9e012f5e0b0a716f7357cbecf77c247efc2fd7294", 18439),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.tur-eng.tur":
        ("xtreme", "1ffa0acc006018b3105abda41a4d4ca42f3c122964a49b71793546367b079a86", 37607),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.tur-eng.eng":
        ("xtreme", "a768df7dd3d1344f872a458b32c3a65e24f8381826ccb16ba6677426176c8121", 34278),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.urd-eng.urd":
        ("xtreme", "2efc22dc61885a9454aeeee68c8b841c7f9138d53ba644a82308bd210140450b", 56819),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.urd-eng.eng":
        ("xtreme", "dab35fda3f73b3fd86b6b9f9f9f6242430961aa5d1ac247adbc646867df79cec", 31893),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.vie-eng.vie":
        ("xtreme", "6dbb02d778b0bfc8678cd85f87db76de55dd7e409a26fe32ad42d50e0f1fff77", 52721),
    "https://github.com/facebookresearch/LASER/raw/main/data/tatoeba/v1/tatoeba.vie-eng.eng":
        ("xtreme", "a1f60bd8ae6c42224a4c050d2aa1ff4242d14827d64d7831e96ecf2b2c367f5f", 38686),
    "https://lindat.mff.cuni.cz/repository/xmlui/bitstream/handle/11234/1-3105/ud-treebanks-v2.5.tgz":
        ("xtreme", "5ff973e44345a5f69b94cc1427158e14e851c967d58773cc2ac5a1d3adaca409", 355216681),
}
